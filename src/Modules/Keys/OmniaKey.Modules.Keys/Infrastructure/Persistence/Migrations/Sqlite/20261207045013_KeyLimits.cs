using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Keys.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeyLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "allowed_ips",
                table: "keys_api_keys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "allowed_models",
                table: "keys_api_keys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "expires_at",
                table: "keys_api_keys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_four",
                table: "keys_api_keys",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "max_concurrent_requests",
                table: "keys_api_keys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rpm_limit",
                table: "keys_api_keys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "spend_limit_nano_usd",
                table: "keys_api_keys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "spend_limit_period",
                table: "keys_api_keys",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "tpm_limit",
                table: "keys_api_keys",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "allowed_ips",
                table: "keys_api_keys");

            migrationBuilder.DropColumn(
                name: "allowed_models",
                table: "keys_api_keys");

            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "keys_api_keys");

            migrationBuilder.DropColumn(
                name: "last_four",
                table: "keys_api_keys");

            migrationBuilder.DropColumn(
                name: "max_concurrent_requests",
                table: "keys_api_keys");

            migrationBuilder.DropColumn(
                name: "rpm_limit",
                table: "keys_api_keys");

            migrationBuilder.DropColumn(
                name: "spend_limit_nano_usd",
                table: "keys_api_keys");

            migrationBuilder.DropColumn(
                name: "spend_limit_period",
                table: "keys_api_keys");

            migrationBuilder.DropColumn(
                name: "tpm_limit",
                table: "keys_api_keys");
        }
    }
}
