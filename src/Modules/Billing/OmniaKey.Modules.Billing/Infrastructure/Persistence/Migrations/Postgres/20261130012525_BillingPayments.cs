using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BillingPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "top_ups",
                schema: "billing");
        }
    }
}
