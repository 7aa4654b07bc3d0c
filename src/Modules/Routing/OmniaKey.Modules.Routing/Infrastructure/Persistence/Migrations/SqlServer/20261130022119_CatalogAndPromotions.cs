using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CatalogAndPromotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "model_aliases",
                schema: "routing",
                columns: table => new
                {
                    alias = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    model_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_aliases", x => x.alias);
                    table.ForeignKey(
                        name: "FK_model_aliases_models_model_id",
                        column: x => x.model_id,
                        principalSchema: "routing",
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "promotions",
                schema: "routing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    provider = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    model_pattern = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    discount_basis_points = table.Column<int>(type: "int", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_model_aliases_model_id",
                schema: "routing",
                table: "model_aliases",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "IX_promotions_ends_at",
                schema: "routing",
                table: "promotions",
                column: "ends_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "model_aliases",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "promotions",
                schema: "routing");
        }
    }
}
