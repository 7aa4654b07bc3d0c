using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Refunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_refund_parts");

            migrationBuilder.DropTable(
                name: "billing_refunds");

            migrationBuilder.DropTable(
                name: "billing_termination_settlements");
        }
    }
}
