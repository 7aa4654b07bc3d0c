using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class KeyRateCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "rate_tokens",
                schema: "billing",
                table: "reservations",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_reservations_key_id_created_at",
                schema: "billing",
                table: "reservations",
                columns: new[] { "key_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reservations_key_id_created_at",
                schema: "billing",
                table: "reservations");

            migrationBuilder.DropColumn(
                name: "rate_tokens",
                schema: "billing",
                table: "reservations");
        }
    }
}
