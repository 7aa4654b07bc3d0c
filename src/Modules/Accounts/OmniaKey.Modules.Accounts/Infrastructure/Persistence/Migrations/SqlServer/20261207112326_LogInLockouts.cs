using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LogInLockouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "log_in_lockouts",
                schema: "accounts",
                columns: table => new
                {
                    email_hash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    failures = table.Column<int>(type: "int", nullable: false),
                    lockouts = table.Column<int>(type: "int", nullable: false),
                    last_failure_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    locked_until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_in_lockouts", x => x.email_hash);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "log_in_lockouts",
                schema: "accounts");
        }
    }
}
