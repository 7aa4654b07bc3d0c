using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "billing");

            migrationBuilder.CreateTable(
                name: "balances",
                schema: "billing",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    available_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    reserved_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_balances", x => x.account_id);
                    table.CheckConstraint("ck_balances_available_not_negative", "available_nano_usd >= 0");
                    table.CheckConstraint("ck_balances_reserved_not_negative", "reserved_nano_usd >= 0");
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_disputes",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    top_up_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    charge_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    clawed_back_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_disputes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_events",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    object_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_refunds",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    top_up_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    charge_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    collected_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_refunds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "refund_parts",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    refund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    top_up_id = table.Column<Guid>(type: "uuid", nullable: false),
                    charge_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    provider_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refund_parts", x => x.id);
                    table.CheckConstraint("ck_refund_parts_amount_positive", "amount_cents > 0");
                });

            migrationBuilder.CreateTable(
                name: "refunds",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    refunded_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    origin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reference = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refunds", x => x.id);
                    table.CheckConstraint("ck_refunds_amount_positive", "amount_nano_usd > 0");
                });

            migrationBuilder.CreateTable(
                name: "reservations",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    progress_recorded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "termination_settlements",
                schema: "billing",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    material_breach = table.Column<bool>(type: "boolean", nullable: false),
                    forfeited_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    refund_id = table.Column<Guid>(type: "uuid", nullable: true),
                    settled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_termination_settlements", x => x.account_id);
                });

            migrationBuilder.CreateTable(
                name: "top_ups",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    checkout_session_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paid_cents = table.Column<long>(type: "bigint", nullable: true),
                    payment_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    charge_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    card_country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ledger_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    paid_by_event_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_top_ups", x => x.id);
                    table.CheckConstraint("ck_top_ups_amount_positive", "amount_cents > 0");
                });

            migrationBuilder.CreateTable(
                name: "usage_records",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    output_tokens = table.Column<long>(type: "bigint", nullable: false),
                    cache_read_tokens = table.Column<long>(type: "bigint", nullable: false),
                    cache_write_tokens = table.Column<long>(type: "bigint", nullable: false),
                    reasoning_tokens = table.Column<long>(type: "bigint", nullable: false),
                    cost_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    charged_nano_usd = table.Column<long>(type: "bigint", nullable: false),
                    latency_ms = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    usage_source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    input_nano_usd_per_million = table.Column<long>(type: "bigint", nullable: false),
                    output_nano_usd_per_million = table.Column<long>(type: "bigint", nullable: false),
                    cache_read_nano_usd_per_million = table.Column<long>(type: "bigint", nullable: false),
                    cache_write_nano_usd_per_million = table.Column<long>(type: "bigint", nullable: false),
                    promotion_id = table.Column<Guid>(type: "uuid", nullable: true),
                    promotion_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_usage_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_account_id_created_at",
                schema: "billing",
                table: "ledger_entries",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_account_id_type_reference",
                schema: "billing",
                table: "ledger_entries",
                columns: new[] { "account_id", "type", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_disputes_account_id_created_at",
                schema: "billing",
                table: "payment_disputes",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_payment_events_received_at",
                schema: "billing",
                table: "payment_events",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "IX_payment_refunds_top_up_id",
                schema: "billing",
                table: "payment_refunds",
                column: "top_up_id");

            migrationBuilder.CreateIndex(
                name: "IX_refund_parts_account_id",
                schema: "billing",
                table: "refund_parts",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "IX_refund_parts_refund_id",
                schema: "billing",
                table: "refund_parts",
                column: "refund_id");

            migrationBuilder.CreateIndex(
                name: "IX_refunds_account_id_created_at",
                schema: "billing",
                table: "refunds",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_refunds_account_id_reference",
                schema: "billing",
                table: "refunds",
                columns: new[] { "account_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_refunds_status_next_attempt_at",
                schema: "billing",
                table: "refunds",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "IX_reservations_status_expires_at",
                schema: "billing",
                table: "reservations",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "IX_top_ups_account_id_created_at",
                schema: "billing",
                table: "top_ups",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_top_ups_charge_id",
                schema: "billing",
                table: "top_ups",
                column: "charge_id");

            migrationBuilder.CreateIndex(
                name: "IX_top_ups_checkout_session_id",
                schema: "billing",
                table: "top_ups",
                column: "checkout_session_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_top_ups_payment_id",
                schema: "billing",
                table: "top_ups",
                column: "payment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_usage_records_account_id_created_at",
                schema: "billing",
                table: "usage_records",
                columns: new[] { "account_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "balances",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "ledger_entries",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "payment_disputes",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "payment_events",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "payment_refunds",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "refund_parts",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "refunds",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "reservations",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "termination_settlements",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "top_ups",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "usage_records",
                schema: "billing");
        }
    }
}
