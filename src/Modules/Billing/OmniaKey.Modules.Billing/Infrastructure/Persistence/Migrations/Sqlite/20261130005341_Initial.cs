using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_balances",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    available_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    reserved_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_balances", x => x.account_id);
                    table.CheckConstraint("ck_balances_available_not_negative", "available_nano_usd >= 0");
                    table.CheckConstraint("ck_balances_reserved_not_negative", "reserved_nano_usd >= 0");
                });

            migrationBuilder.CreateTable(
                name: "billing_ledger_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_ledger_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_reservations",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_reservations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_usage_records",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    input_tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    output_tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    cache_read_tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    cache_write_tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    reasoning_tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    cost_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    charged_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    latency_ms = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    usage_source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_usage_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_ledger_entries_account_id_created_at",
                table: "billing_ledger_entries",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_billing_ledger_entries_account_id_type_reference",
                table: "billing_ledger_entries",
                columns: new[] { "account_id", "type", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_billing_reservations_status_expires_at",
                table: "billing_reservations",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "IX_billing_usage_records_account_id_created_at",
                table: "billing_usage_records",
                columns: new[] { "account_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_balances");

            migrationBuilder.DropTable(
                name: "billing_ledger_entries");

            migrationBuilder.DropTable(
                name: "billing_reservations");

            migrationBuilder.DropTable(
                name: "billing_usage_records");
        }
    }
}
