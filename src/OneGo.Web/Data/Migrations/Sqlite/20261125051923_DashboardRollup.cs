using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneGo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardCompletions",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Level = table.Column<short>(type: "INTEGER", nullable: false),
                    BundleCode = table.Column<string>(type: "TEXT", nullable: false),
                    DepartmentCode = table.Column<string>(type: "TEXT", nullable: false),
                    WorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Completed = table.Column<int>(type: "INTEGER", nullable: false),
                    OnTime = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardCompletions", x => new { x.Day, x.Level, x.BundleCode, x.DepartmentCode, x.WorkingDays });
                });

            migrationBuilder.CreateTable(
                name: "DashboardDirtyDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardDirtyDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DashboardFlows",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Level = table.Column<short>(type: "INTEGER", nullable: false),
                    BundleCode = table.Column<string>(type: "TEXT", nullable: false),
                    DepartmentCode = table.Column<string>(type: "TEXT", nullable: false),
                    Received = table.Column<int>(type: "INTEGER", nullable: false),
                    Corrected = table.Column<int>(type: "INTEGER", nullable: false),
                    Online = table.Column<int>(type: "INTEGER", nullable: false),
                    Window = table.Column<int>(type: "INTEGER", nullable: false),
                    Assistant = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Tolerated = table.Column<int>(type: "INTEGER", nullable: false),
                    Completed = table.Column<int>(type: "INTEGER", nullable: false),
                    OnTime = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardFlows", x => new { x.Day, x.Level, x.BundleCode, x.DepartmentCode });
                });

            migrationBuilder.CreateTable(
                name: "DashboardMonthCompletions",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Level = table.Column<short>(type: "INTEGER", nullable: false),
                    BundleCode = table.Column<string>(type: "TEXT", nullable: false),
                    DepartmentCode = table.Column<string>(type: "TEXT", nullable: false),
                    WorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Completed = table.Column<int>(type: "INTEGER", nullable: false),
                    OnTime = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardMonthCompletions", x => new { x.Month, x.Level, x.BundleCode, x.DepartmentCode, x.WorkingDays });
                });

            migrationBuilder.CreateTable(
                name: "DashboardReform",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    BundleCode = table.Column<string>(type: "TEXT", nullable: false),
                    WithinPromise = table.Column<int>(type: "INTEGER", nullable: false),
                    PromiseBase = table.Column<int>(type: "INTEGER", nullable: false),
                    ZeroTrip = table.Column<int>(type: "INTEGER", nullable: false),
                    Exempted = table.Column<int>(type: "INTEGER", nullable: false),
                    Submitted = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardReform", x => new { x.Day, x.BundleCode });
                });

            migrationBuilder.CreateTable(
                name: "DashboardRolledDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardRolledDays", x => x.Day);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DashboardCompletions_Level_Day",
                table: "DashboardCompletions",
                columns: new[] { "Level", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_DashboardFlows_Level_Day",
                table: "DashboardFlows",
                columns: new[] { "Level", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_DashboardMonthCompletions_Level_Month",
                table: "DashboardMonthCompletions",
                columns: new[] { "Level", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardCompletions");

            migrationBuilder.DropTable(
                name: "DashboardDirtyDays");

            migrationBuilder.DropTable(
                name: "DashboardFlows");

            migrationBuilder.DropTable(
                name: "DashboardMonthCompletions");

            migrationBuilder.DropTable(
                name: "DashboardReform");

            migrationBuilder.DropTable(
                name: "DashboardRolledDays");
        }
    }
}
