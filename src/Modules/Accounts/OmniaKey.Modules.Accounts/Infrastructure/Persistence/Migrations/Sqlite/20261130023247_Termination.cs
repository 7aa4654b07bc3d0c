using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Termination : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "terminated_at",
                table: "accounts_accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "terminated_for_material_breach",
                table: "accounts_accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "accounts_accounts",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "terminated_at",
                table: "accounts_accounts");

            migrationBuilder.DropColumn(
                name: "terminated_for_material_breach",
                table: "accounts_accounts");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "accounts_accounts");
        }
    }
}
