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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "routing_models");
        }
    }
}
