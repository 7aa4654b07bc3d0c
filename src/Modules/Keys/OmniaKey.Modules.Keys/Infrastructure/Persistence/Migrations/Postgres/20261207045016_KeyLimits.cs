using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Keys.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeyLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "allowed_ips",
                schema: "keys",
                table: "api_keys",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "allowed_models",
                schema: "keys",
                table: "api_keys",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expires_at",
                schema: "keys",
                table: "api_keys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_four",
                schema: "keys",
                table: "api_keys",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "max_concurrent_requests",
                schema: "keys",
                table: "api_keys",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rpm_limit",
                schema: "keys",
                table: "api_keys",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "spend_limit_nano_usd",
                schema: "keys",
                table: "api_keys",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "spend_limit_period",
                schema: "keys",
                table: "api_keys",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "tpm_limit",
                schema: "keys",
                table: "api_keys",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "allowed_ips",
                schema: "keys",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "allowed_models",
                schema: "keys",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "expires_at",
                schema: "keys",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "last_four",
                schema: "keys",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "max_concurrent_requests",
                schema: "keys",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "rpm_limit",
                schema: "keys",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "spend_limit_nano_usd",
                schema: "keys",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "spend_limit_period",
                schema: "keys",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "tpm_limit",
                schema: "keys",
                table: "api_keys");
        }
    }
}
