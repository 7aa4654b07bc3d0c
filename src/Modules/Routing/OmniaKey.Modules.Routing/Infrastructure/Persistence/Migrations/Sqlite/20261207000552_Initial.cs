using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "routing_channels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    base_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    encrypted_credential = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    weight = table.Column<int>(type: "INTEGER", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    models = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_channels", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "routing_models",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    upstream_model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    context_window = table.Column<int>(type: "INTEGER", nullable: false),
                    max_output_tokens = table.Column<int>(type: "INTEGER", nullable: false),
                    input_nano_usd_per_million = table.Column<long>(type: "INTEGER", nullable: false),
                    output_nano_usd_per_million = table.Column<long>(type: "INTEGER", nullable: false),
                    cache_read_nano_usd_per_million = table.Column<long>(type: "INTEGER", nullable: false),
                    cache_write_nano_usd_per_million = table.Column<long>(type: "INTEGER", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_unix = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_models", x => x.id);
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

            migrationBuilder.CreateIndex(
                name: "IX_routing_channels_name",
                table: "routing_channels",
                column: "name",
                unique: true);

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
                name: "routing_channels");

            migrationBuilder.DropTable(
                name: "routing_model_aliases");

            migrationBuilder.DropTable(
                name: "routing_promotions");

            migrationBuilder.DropTable(
                name: "routing_models");
        }
    }
}
