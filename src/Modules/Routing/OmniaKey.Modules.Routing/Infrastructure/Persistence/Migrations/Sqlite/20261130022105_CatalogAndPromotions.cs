using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CatalogAndPromotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "routing_model_aliases",
                columns: table => new
                {
                    alias = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    model_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_model_aliases", x => x.alias);
                    table.ForeignKey(
                        name: "FK_routing_model_aliases_routing_models_model_id",
                        column: x => x.model_id,
                        principalTable: "routing_models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "routing_promotions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    model_pattern = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    discount_basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_promotions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_routing_model_aliases_model_id",
                table: "routing_model_aliases",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "IX_routing_promotions_ends_at",
                table: "routing_promotions",
                column: "ends_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "routing_model_aliases");

            migrationBuilder.DropTable(
                name: "routing_promotions");
        }
    }
}
