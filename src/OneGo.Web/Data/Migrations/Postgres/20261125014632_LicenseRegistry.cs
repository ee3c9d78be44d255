using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OneGo.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LicenseRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReissueReason",
                table: "Licenses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Replaces",
                table: "Licenses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationReason",
                table: "Licenses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevokedAt",
                table: "Licenses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevokedBy",
                table: "Licenses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupersededBy",
                table: "Licenses",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LicenseUses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LicenseIdentifier = table.Column<string>(type: "text", nullable: false),
                    HolderCode = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    CaseNumber = table.Column<string>(type: "text", nullable: true),
                    BundleName = table.Column<string>(type: "text", nullable: false),
                    MaterialKey = table.Column<string>(type: "text", nullable: false),
                    MaterialName = table.Column<string>(type: "text", nullable: false),
                    Purpose = table.Column<string>(type: "text", nullable: false),
                    UsedBy = table.Column<string>(type: "text", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseUses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Licenses_TypeCode_IssuerCode",
                table: "Licenses",
                columns: new[] { "TypeCode", "IssuerCode" });

            migrationBuilder.CreateIndex(
                name: "IX_LicenseUses_CaseId_LicenseIdentifier_MaterialKey",
                table: "LicenseUses",
                columns: new[] { "CaseId", "LicenseIdentifier", "MaterialKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicenseUses_HolderCode_UsedAt",
                table: "LicenseUses",
                columns: new[] { "HolderCode", "UsedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LicenseUses");

            migrationBuilder.DropIndex(
                name: "IX_Licenses_TypeCode_IssuerCode",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "ReissueReason",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "Replaces",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevocationReason",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevokedBy",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "SupersededBy",
                table: "Licenses");
        }
    }
}
