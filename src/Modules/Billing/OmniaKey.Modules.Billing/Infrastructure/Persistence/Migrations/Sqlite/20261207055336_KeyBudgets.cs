using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeyBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "budget_period",
                table: "billing_reservations",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "budget_period_start",
                table: "billing_reservations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "billing_key_budgets",
                columns: table => new
                {
                    key_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    period_start = table.Column<long>(type: "INTEGER", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    spent_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    reserved_nano_usd = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_key_budgets", x => new { x.key_id, x.period, x.period_start });
                    table.CheckConstraint("ck_key_budgets_reserved_not_negative", "reserved_nano_usd >= 0");
                    table.CheckConstraint("ck_key_budgets_spent_not_negative", "spent_nano_usd >= 0");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_key_budgets");

            migrationBuilder.DropColumn(
                name: "budget_period",
                table: "billing_reservations");

            migrationBuilder.DropColumn(
                name: "budget_period_start",
                table: "billing_reservations");
        }
    }
}
