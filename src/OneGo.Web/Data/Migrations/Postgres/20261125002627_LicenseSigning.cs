using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneGo.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LicenseSigning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CaseId",
                table: "Licenses",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Document",
                table: "Licenses",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "IssuedAt",
                table: "Licenses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IssuerDepartment",
                table: "Licenses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KeyId",
                table: "Licenses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Signature",
                table: "Licenses",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TaskId",
                table: "Licenses",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Licenses_TaskId",
                table: "Licenses",
                column: "TaskId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Licenses_TaskId",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "Document",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "IssuedAt",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "IssuerDepartment",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "KeyId",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "Signature",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "TaskId",
                table: "Licenses");
        }
    }
}
