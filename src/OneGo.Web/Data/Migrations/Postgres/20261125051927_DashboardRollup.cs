using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OneGo.Web.Data.Migrations.Postgres
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
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Level = table.Column<short>(type: "smallint", nullable: false),
                    BundleCode = table.Column<string>(type: "text", nullable: false),
                    DepartmentCode = table.Column<string>(type: "text", nullable: false),
                    WorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Completed = table.Column<int>(type: "integer", nullable: false),
                    OnTime = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardCompletions", x => new { x.Day, x.Level, x.BundleCode, x.DepartmentCode, x.WorkingDays });
                });

            migrationBuilder.CreateTable(
                name: "DashboardDirtyDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardDirtyDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DashboardFlows",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Level = table.Column<short>(type: "smallint", nullable: false),
                    BundleCode = table.Column<string>(type: "text", nullable: false),
                    DepartmentCode = table.Column<string>(type: "text", nullable: false),
                    Received = table.Column<int>(type: "integer", nullable: false),
                    Corrected = table.Column<int>(type: "integer", nullable: false),
                    Online = table.Column<int>(type: "integer", nullable: false),
                    Window = table.Column<int>(type: "integer", nullable: false),
                    Assistant = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Tolerated = table.Column<int>(type: "integer", nullable: false),
                    Completed = table.Column<int>(type: "integer", nullable: false),
                    OnTime = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardFlows", x => new { x.Day, x.Level, x.BundleCode, x.DepartmentCode });
                });

            migrationBuilder.CreateTable(
                name: "DashboardMonthCompletions",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Level = table.Column<short>(type: "smallint", nullable: false),
                    BundleCode = table.Column<string>(type: "text", nullable: false),
                    DepartmentCode = table.Column<string>(type: "text", nullable: false),
                    WorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Completed = table.Column<int>(type: "integer", nullable: false),
                    OnTime = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardMonthCompletions", x => new { x.Month, x.Level, x.BundleCode, x.DepartmentCode, x.WorkingDays });
                });

            migrationBuilder.CreateTable(
                name: "DashboardReform",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    BundleCode = table.Column<string>(type: "text", nullable: false),
                    WithinPromise = table.Column<int>(type: "integer", nullable: false),
                    PromiseBase = table.Column<int>(type: "integer", nullable: false),
                    ZeroTrip = table.Column<int>(type: "integer", nullable: false),
                    Exempted = table.Column<int>(type: "integer", nullable: false),
                    Submitted = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardReform", x => new { x.Day, x.BundleCode });
                });

            migrationBuilder.CreateTable(
                name: "DashboardRolledDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false)
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
