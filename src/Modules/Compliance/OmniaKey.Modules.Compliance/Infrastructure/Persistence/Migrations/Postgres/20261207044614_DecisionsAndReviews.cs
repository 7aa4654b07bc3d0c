using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Compliance.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DecisionsAndReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_access_decisions_AccountId_DecidedAt",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "Allowed",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "Reason",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "Source",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.RenameColumn(
                name: "DecidedAt",
                schema: "compliance",
                table: "access_decisions",
                newName: "CreatedAt");

            migrationBuilder.AlterColumn<string>(
                name: "Country",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2)",
                oldMaxLength: 2);

            migrationBuilder.AddColumn<string>(
                name: "CardCountry",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclaredCountry",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ip",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IpCountry",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Signal",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Surface",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "reviews",
                schema: "compliance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Signal = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResolutionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_decisions_AccountId_CreatedAt_Id",
                schema: "compliance",
                table: "access_decisions",
                columns: new[] { "AccountId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_access_decisions_CreatedAt_Id",
                schema: "compliance",
                table: "access_decisions",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_access_decisions_Reference",
                schema: "compliance",
                table: "access_decisions",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reviews_AccountId",
                schema: "compliance",
                table: "reviews",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_reviews_Status_OpenedAt_Id",
                schema: "compliance",
                table: "reviews",
                columns: new[] { "Status", "OpenedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reviews",
                schema: "compliance");

            migrationBuilder.DropIndex(
                name: "IX_access_decisions_AccountId_CreatedAt_Id",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropIndex(
                name: "IX_access_decisions_CreatedAt_Id",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropIndex(
                name: "IX_access_decisions_Reference",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "CardCountry",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "DeclaredCountry",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "Ip",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "IpCountry",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "Outcome",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "Reference",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "Signal",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.DropColumn(
                name: "Surface",
                schema: "compliance",
                table: "access_decisions");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                schema: "compliance",
                table: "access_decisions",
                newName: "DecidedAt");

            migrationBuilder.AlterColumn<string>(
                name: "Country",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(2)",
                oldMaxLength: 2,
                oldNullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Allowed",
                schema: "compliance",
                table: "access_decisions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                schema: "compliance",
                table: "access_decisions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_access_decisions_AccountId_DecidedAt",
                schema: "compliance",
                table: "access_decisions",
                columns: new[] { "AccountId", "DecidedAt" });
        }
    }
}
