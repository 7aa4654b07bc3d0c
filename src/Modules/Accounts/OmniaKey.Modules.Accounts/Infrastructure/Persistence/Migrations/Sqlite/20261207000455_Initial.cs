using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    terminated_for_material_breach = table.Column<bool>(type: "INTEGER", nullable: false),
                    terminated_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounts_accounts_accounts",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    eligibility_terms_version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    eligibility_confirmed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    eligibility_ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_accounts_accounts", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_accounts_accounts_accounts_accounts_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_accounts_email",
                table: "accounts_accounts",
                column: "email",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_accounts_accounts");

            migrationBuilder.DropTable(
                name: "accounts_accounts");
        }
    }
}
