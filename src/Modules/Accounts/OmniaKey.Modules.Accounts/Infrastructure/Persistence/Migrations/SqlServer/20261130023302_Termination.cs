using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Termination : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "terminated_at",
                schema: "accounts",
                table: "accounts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "terminated_for_material_breach",
                schema: "accounts",
                table: "accounts",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                schema: "accounts",
                table: "accounts",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "terminated_at",
                schema: "accounts",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "terminated_for_material_breach",
                schema: "accounts",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                schema: "accounts",
                table: "accounts");
        }
    }
}
