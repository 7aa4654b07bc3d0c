using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Refunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "refund_parts",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "refunds",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "termination_settlements",
                schema: "billing");
        }
    }
}
