using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Compliance.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DecisionsAndReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_compliance_access_decisions_AccountId_DecidedAt",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "Allowed",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "compliance_access_decisions");

            migrationBuilder.RenameColumn(
                name: "DecidedAt",
                table: "compliance_access_decisions",
                newName: "CreatedAt");

            migrationBuilder.AlterColumn<string>(
                name: "Country",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 2,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 2);

            migrationBuilder.AddColumn<string>(
                name: "CardCountry",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclaredCountry",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ip",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IpCountry",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Signal",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Surface",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "compliance_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Signal = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compliance_reviews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_compliance_access_decisions_AccountId_CreatedAt_Id",
                table: "compliance_access_decisions",
                columns: new[] { "AccountId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_compliance_access_decisions_CreatedAt_Id",
                table: "compliance_access_decisions",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_compliance_access_decisions_Reference",
                table: "compliance_access_decisions",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_compliance_reviews_AccountId",
                table: "compliance_reviews",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_compliance_reviews_Status_OpenedAt_Id",
                table: "compliance_reviews",
                columns: new[] { "Status", "OpenedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "compliance_reviews");

            migrationBuilder.DropIndex(
                name: "IX_compliance_access_decisions_AccountId_CreatedAt_Id",
                table: "compliance_access_decisions");

            migrationBuilder.DropIndex(
                name: "IX_compliance_access_decisions_CreatedAt_Id",
                table: "compliance_access_decisions");

            migrationBuilder.DropIndex(
                name: "IX_compliance_access_decisions_Reference",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "CardCountry",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "DeclaredCountry",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "Ip",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "IpCountry",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "Signal",
                table: "compliance_access_decisions");

            migrationBuilder.DropColumn(
                name: "Surface",
                table: "compliance_access_decisions");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "compliance_access_decisions",
                newName: "DecidedAt");

            migrationBuilder.AlterColumn<string>(
                name: "Country",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 2,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 2,
                oldNullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Allowed",
                table: "compliance_access_decisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "compliance_access_decisions",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_compliance_access_decisions_AccountId_DecidedAt",
                table: "compliance_access_decisions",
                columns: new[] { "AccountId", "DecidedAt" });
        }
    }
}
