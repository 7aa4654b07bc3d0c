using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BillingPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_payment_disputes");

            migrationBuilder.DropTable(
                name: "billing_payment_events");

            migrationBuilder.DropTable(
                name: "billing_payment_refunds");

            migrationBuilder.DropTable(
                name: "billing_top_ups");
        }
    }
}
