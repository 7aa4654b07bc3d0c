using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Infrastructure.Audit.Migrations.SqlServer
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
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "admin_tokens",
                schema: "audit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    created_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    revoked_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
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
