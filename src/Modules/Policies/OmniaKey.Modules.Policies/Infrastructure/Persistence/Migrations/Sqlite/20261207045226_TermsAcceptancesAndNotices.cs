using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TermsAcceptancesAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "material",
                table: "policies_terms_versions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "notices_prepared_at",
                table: "policies_terms_versions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "policies_terms_acceptances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    accepted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policies_terms_acceptances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policies_terms_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    claim_token = table.Column<Guid>(type: "TEXT", nullable: true),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: true),
                    failed_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policies_terms_notices", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ux_terms_acceptances_account_version",
                table: "policies_terms_acceptances",
                columns: new[] { "account_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_terms_notices_pending",
                table: "policies_terms_notices",
                columns: new[] { "sent_at", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_terms_notices_account_version",
                table: "policies_terms_notices",
                columns: new[] { "account_id", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policies_terms_acceptances");

            migrationBuilder.DropTable(
                name: "policies_terms_notices");

            migrationBuilder.DropColumn(
                name: "material",
                table: "policies_terms_versions");

            migrationBuilder.DropColumn(
                name: "notices_prepared_at",
                table: "policies_terms_versions");
        }
    }
}
