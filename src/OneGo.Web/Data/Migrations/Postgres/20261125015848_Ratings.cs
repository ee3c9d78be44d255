using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OneGo.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ratings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Ratings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    BundleCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BundleName = table.Column<string>(type: "text", nullable: false),
                    TaskId = table.Column<long>(type: "bigint", nullable: true),
                    Subject = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MatterCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MatterName = table.Column<string>(type: "text", nullable: true),
                    DepartmentCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DepartmentName = table.Column<string>(type: "text", nullable: true),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Level = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Scores = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RaterId = table.Column<string>(type: "text", nullable: false),
                    RaterName = table.Column<string>(type: "text", nullable: false),
                    RatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VoidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VoidReason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ratings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Ratings_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Rectifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RatingId = table.Column<long>(type: "bigint", nullable: false),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    DepartmentCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DepartmentName = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FollowUpDeadlineOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DeadlineOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FollowUpMethod = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    FollowUpSummary = table.Column<string>(type: "text", nullable: true),
                    FollowedUpAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FollowedUpBy = table.Column<string>(type: "text", nullable: true),
                    Category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Result = table.Column<string>(type: "text", nullable: true),
                    RectifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RectifiedBy = table.Column<string>(type: "text", nullable: true),
                    Reply = table.Column<string>(type: "text", nullable: true),
                    RepliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RepliedBy = table.Column<string>(type: "text", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "text", nullable: true),
                    Appeal = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AppealReason = table.Column<string>(type: "text", nullable: true),
                    AppealedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppealedBy = table.Column<string>(type: "text", nullable: true),
                    StateBeforeAppeal = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AppealDecision = table.Column<string>(type: "text", nullable: true),
                    AppealDecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppealDecidedBy = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rectifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rectifications_Ratings_RatingId",
                        column: x => x.RatingId,
                        principalTable: "Ratings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_CaseId_Subject",
                table: "Ratings",
                columns: new[] { "CaseId", "Subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_RatedAt",
                table: "Ratings",
                column: "RatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Rectifications_CaseId",
                table: "Rectifications",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Rectifications_DepartmentCode_State",
                table: "Rectifications",
                columns: new[] { "DepartmentCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Rectifications_RatingId",
                table: "Rectifications",
                column: "RatingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Rectifications");

            migrationBuilder.DropTable(
                name: "Ratings");
        }
    }
}
