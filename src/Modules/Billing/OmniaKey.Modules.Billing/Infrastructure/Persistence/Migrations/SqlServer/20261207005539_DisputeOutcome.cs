using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DisputeOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                schema: "billing",
                table: "payment_disputes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                schema: "billing",
                table: "payment_disputes",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "open");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "closed_at",
                schema: "billing",
                table: "payment_disputes");

            migrationBuilder.DropColumn(
                name: "status",
                schema: "billing",
                table: "payment_disputes");
        }
    }
}
