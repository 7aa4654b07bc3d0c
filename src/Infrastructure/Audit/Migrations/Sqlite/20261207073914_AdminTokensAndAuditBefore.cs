using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Infrastructure.Audit.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdminTokensAndAuditBefore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "before",
                table: "audit_admin_actions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_admin_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_admin_tokens", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_admin_tokens_name",
                table: "audit_admin_tokens",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_admin_tokens_secret_hash",
                table: "audit_admin_tokens",
                column: "secret_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_admin_tokens");

            migrationBuilder.DropColumn(
                name: "before",
                table: "audit_admin_actions");
        }
    }
}
