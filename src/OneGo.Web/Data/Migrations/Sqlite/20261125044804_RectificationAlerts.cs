using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneGo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RectificationAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RectificationAlerts",
                columns: table => new
                {
                    RectificationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    DepartmentCode = table.Column<string>(type: "TEXT", nullable: false),
                    DeadlineOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RemainingWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationAlerts", x => new { x.RectificationId, x.Kind });
                });

            migrationBuilder.CreateIndex(
                name: "IX_RectificationAlerts_CaseId",
                table: "RectificationAlerts",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RectificationAlerts");
        }
    }
}
