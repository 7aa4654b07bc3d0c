using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UsagePriceSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "cache_read_nano_usd_per_million",
                schema: "billing",
                table: "usage_records",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "cache_write_nano_usd_per_million",
                schema: "billing",
                table: "usage_records",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "input_nano_usd_per_million",
                schema: "billing",
                table: "usage_records",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "output_nano_usd_per_million",
                schema: "billing",
                table: "usage_records",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "promotion_id",
                schema: "billing",
                table: "usage_records",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "promotion_name",
                schema: "billing",
                table: "usage_records",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cache_read_nano_usd_per_million",
                schema: "billing",
                table: "usage_records");

            migrationBuilder.DropColumn(
                name: "cache_write_nano_usd_per_million",
                schema: "billing",
                table: "usage_records");

            migrationBuilder.DropColumn(
                name: "input_nano_usd_per_million",
                schema: "billing",
                table: "usage_records");

            migrationBuilder.DropColumn(
                name: "output_nano_usd_per_million",
                schema: "billing",
                table: "usage_records");

            migrationBuilder.DropColumn(
                name: "promotion_id",
                schema: "billing",
                table: "usage_records");

            migrationBuilder.DropColumn(
                name: "promotion_name",
                schema: "billing",
                table: "usage_records");
        }
    }
}
