using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Infrastructure.Audit.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AdminTokensAndAuditBefore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "before",
                schema: "audit",
                table: "admin_actions",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "admin_tokens",
                schema: "audit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_admin_tokens", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_admin_tokens_name",
                schema: "audit",
                table: "admin_tokens",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_admin_tokens_secret_hash",
                schema: "audit",
                table: "admin_tokens",
                column: "secret_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "admin_tokens",
                schema: "audit");

            migrationBuilder.DropColumn(
                name: "before",
                schema: "audit",
                table: "admin_actions");
        }
    }
}
