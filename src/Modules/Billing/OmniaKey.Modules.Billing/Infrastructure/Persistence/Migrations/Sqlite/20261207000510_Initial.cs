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
                name: "billing_payment_disputes",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    top_up_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    charge_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    clawed_back_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_payment_disputes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_payment_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    object_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_payment_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_payment_refunds",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    top_up_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    charge_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    collected_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_payment_refunds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_refund_parts",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    refund_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    top_up_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    charge_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    provider_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_refund_parts", x => x.id);
                    table.CheckConstraint("ck_refund_parts_amount_positive", "amount_cents > 0");
                });

            migrationBuilder.CreateTable(
                name: "billing_refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    refunded_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 220, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_refunds", x => x.id);
                    table.CheckConstraint("ck_refunds_amount_positive", "amount_nano_usd > 0");
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
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    progress_recorded = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_reservations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_termination_settlements",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    material_breach = table.Column<bool>(type: "INTEGER", nullable: false),
                    forfeited_nano_usd = table.Column<long>(type: "INTEGER", nullable: false),
                    refund_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    settled_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_termination_settlements", x => x.account_id);
                });

            migrationBuilder.CreateTable(
                name: "billing_top_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    checkout_session_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    paid_at = table.Column<long>(type: "INTEGER", nullable: true),
                    paid_cents = table.Column<long>(type: "INTEGER", nullable: true),
                    payment_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    charge_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    card_country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    ledger_entry_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    paid_by_event_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_top_ups", x => x.id);
                    table.CheckConstraint("ck_top_ups_amount_positive", "amount_cents > 0");
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
                    input_nano_usd_per_million = table.Column<long>(type: "INTEGER", nullable: false),
                    output_nano_usd_per_million = table.Column<long>(type: "INTEGER", nullable: false),
                    cache_read_nano_usd_per_million = table.Column<long>(type: "INTEGER", nullable: false),
                    cache_write_nano_usd_per_million = table.Column<long>(type: "INTEGER", nullable: false),
                    promotion_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    promotion_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
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
                name: "IX_billing_payment_disputes_account_id_created_at",
                table: "billing_payment_disputes",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_billing_payment_events_received_at",
                table: "billing_payment_events",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "IX_billing_payment_refunds_top_up_id",
                table: "billing_payment_refunds",
                column: "top_up_id");

            migrationBuilder.CreateIndex(
                name: "IX_billing_refund_parts_account_id",
                table: "billing_refund_parts",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "IX_billing_refund_parts_refund_id",
                table: "billing_refund_parts",
                column: "refund_id");

            migrationBuilder.CreateIndex(
                name: "IX_billing_refunds_account_id_created_at",
                table: "billing_refunds",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_billing_refunds_account_id_reference",
                table: "billing_refunds",
                columns: new[] { "account_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_billing_refunds_status_next_attempt_at",
                table: "billing_refunds",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "IX_billing_reservations_status_expires_at",
                table: "billing_reservations",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "IX_billing_top_ups_account_id_created_at",
                table: "billing_top_ups",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_billing_top_ups_charge_id",
                table: "billing_top_ups",
                column: "charge_id");

            migrationBuilder.CreateIndex(
                name: "IX_billing_top_ups_checkout_session_id",
                table: "billing_top_ups",
                column: "checkout_session_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_billing_top_ups_payment_id",
                table: "billing_top_ups",
                column: "payment_id",
                unique: true);

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
                name: "billing_payment_disputes");

            migrationBuilder.DropTable(
                name: "billing_payment_events");

            migrationBuilder.DropTable(
                name: "billing_payment_refunds");

            migrationBuilder.DropTable(
                name: "billing_refund_parts");

            migrationBuilder.DropTable(
                name: "billing_refunds");

            migrationBuilder.DropTable(
                name: "billing_reservations");

            migrationBuilder.DropTable(
                name: "billing_termination_settlements");

            migrationBuilder.DropTable(
                name: "billing_top_ups");

            migrationBuilder.DropTable(
                name: "billing_usage_records");
        }
    }
}
