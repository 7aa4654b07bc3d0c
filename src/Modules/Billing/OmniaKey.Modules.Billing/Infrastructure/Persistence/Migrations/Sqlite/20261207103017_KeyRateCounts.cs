using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeyRateCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "rate_tokens",
                table: "billing_reservations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_billing_reservations_key_id_created_at",
                table: "billing_reservations",
                columns: new[] { "key_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_billing_reservations_key_id_created_at",
                table: "billing_reservations");

            migrationBuilder.DropColumn(
                name: "rate_tokens",
                table: "billing_reservations");
        }
    }
}
