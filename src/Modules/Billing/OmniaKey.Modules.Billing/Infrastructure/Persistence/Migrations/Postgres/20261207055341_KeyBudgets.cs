using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeyBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "budget_period",
                schema: "billing",
                table: "reservations",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "budget_period_start",
                schema: "billing",
                table: "reservations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "key_budgets",
                schema: "billing",
                columns: table => new
                {
                    key_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    period_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    spent_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    reserved_nano_usd = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_key_budgets", x => new { x.key_id, x.period, x.period_start });
                    table.CheckConstraint("ck_key_budgets_reserved_not_negative", "reserved_nano_usd >= 0");
                    table.CheckConstraint("ck_key_budgets_spent_not_negative", "spent_nano_usd >= 0");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "key_budgets",
                schema: "billing");

            migrationBuilder.DropColumn(
                name: "budget_period",
                schema: "billing",
                table: "reservations");

            migrationBuilder.DropColumn(
                name: "budget_period_start",
                schema: "billing",
                table: "reservations");
        }
    }
}
