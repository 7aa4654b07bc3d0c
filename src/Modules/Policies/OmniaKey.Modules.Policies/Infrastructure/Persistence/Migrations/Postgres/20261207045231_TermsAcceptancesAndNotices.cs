using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Policies.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TermsAcceptancesAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "material",
                schema: "policies",
                table: "terms_versions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "notices_prepared_at",
                schema: "policies",
                table: "terms_versions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "terms_acceptances",
                schema: "policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ip_address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_terms_acceptances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "terms_notices",
                schema: "policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claim_token = table.Column<Guid>(type: "uuid", nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failed_attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_terms_notices", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ux_terms_acceptances_account_version",
                schema: "policies",
                table: "terms_acceptances",
                columns: new[] { "account_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_terms_notices_pending",
                schema: "policies",
                table: "terms_notices",
                columns: new[] { "sent_at", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_terms_notices_account_version",
                schema: "policies",
                table: "terms_notices",
                columns: new[] { "account_id", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "terms_acceptances",
                schema: "policies");

            migrationBuilder.DropTable(
                name: "terms_notices",
                schema: "policies");

            migrationBuilder.DropColumn(
                name: "material",
                schema: "policies",
                table: "terms_versions");

            migrationBuilder.DropColumn(
                name: "notices_prepared_at",
                schema: "policies",
                table: "terms_versions");
        }
    }
}
