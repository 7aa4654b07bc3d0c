using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountSelfService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "closed_at",
                table: "accounts_accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "email_verified_at",
                table: "accounts_accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "session_generation",
                table: "accounts_accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "accounts_account_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_account_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounts_revoked_sessions",
                columns: table => new
                {
                    token_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_revoked_sessions", x => x.token_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_account_tokens_account_id_purpose",
                table: "accounts_account_tokens",
                columns: new[] { "account_id", "purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_account_tokens_token_hash",
                table: "accounts_account_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_revoked_sessions_account_id",
                table: "accounts_revoked_sessions",
                column: "account_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_account_tokens");

            migrationBuilder.DropTable(
                name: "accounts_revoked_sessions");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "accounts_accounts");

            migrationBuilder.DropColumn(
                name: "email_verified_at",
                table: "accounts_accounts");

            migrationBuilder.DropColumn(
                name: "session_generation",
                table: "accounts_accounts");
        }
    }
}
