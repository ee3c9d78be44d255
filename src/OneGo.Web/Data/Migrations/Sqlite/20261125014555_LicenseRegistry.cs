using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneGo.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Replaces",
                table: "Licenses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationReason",
                table: "Licenses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevokedAt",
                table: "Licenses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevokedBy",
                table: "Licenses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupersededBy",
                table: "Licenses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LicenseUses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LicenseIdentifier = table.Column<string>(type: "TEXT", nullable: false),
                    HolderCode = table.Column<string>(type: "TEXT", nullable: false),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", nullable: true),
                    BundleName = table.Column<string>(type: "TEXT", nullable: false),
                    MaterialKey = table.Column<string>(type: "TEXT", nullable: false),
                    MaterialName = table.Column<string>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", nullable: false),
                    UsedBy = table.Column<string>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
