using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneGo.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dashboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Working = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkDays", x => x.Day);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_DecidedAt",
                table: "Tasks",
                column: "DecidedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AcceptedAt",
                table: "Cases",
                column: "AcceptedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ClosedAt",
                table: "Cases",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_State_DeadlineOn",
                table: "Cases",
                columns: new[] { "State", "DeadlineOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SubmittedAt",
                table: "Cases",
                column: "SubmittedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkDays");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_DecidedAt",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Cases_AcceptedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ClosedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_State_DeadlineOn",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SubmittedAt",
                table: "Cases");
        }
    }
}
