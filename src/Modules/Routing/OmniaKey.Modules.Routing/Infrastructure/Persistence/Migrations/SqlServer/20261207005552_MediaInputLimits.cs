using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniaKey.Modules.Routing.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MediaInputLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "audio_input_max_tokens",
                schema: "routing",
                table: "models",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "file_input_max_tokens",
                schema: "routing",
                table: "models",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "image_input_max_tokens",
                schema: "routing",
                table: "models",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Existing models get the seeded catalogue's maxima (model-catalog.json, docs/adr/0015), not 0, which
            // would make every image, audio and file part free in the hold.
            migrationBuilder.Sql("UPDATE routing.models SET audio_input_max_tokens = context_window, file_input_max_tokens = context_window, image_input_max_tokens = CASE WHEN provider = 'anthropic' THEN 1600 WHEN provider = 'gemini' THEN 4128 WHEN upstream_model = 'gpt-4o-mini' THEN 48169 WHEN upstream_model IN ('gpt-5-mini', 'gpt-4.1-mini') THEN 2489 WHEN upstream_model IN ('gpt-5-nano', 'gpt-4.1-nano') THEN 3779 WHEN upstream_model = 'o4-mini' THEN 2642 WHEN upstream_model = 'o3' THEN 1275 WHEN upstream_model = 'gpt-5' THEN 1190 ELSE 1445 END");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "audio_input_max_tokens",
                schema: "routing",
                table: "models");

            migrationBuilder.DropColumn(
                name: "file_input_max_tokens",
                schema: "routing",
                table: "models");

            migrationBuilder.DropColumn(
                name: "image_input_max_tokens",
                schema: "routing",
                table: "models");
        }
    }
}
