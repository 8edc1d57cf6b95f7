using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FilingDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Method",
                table: "IncidentFilings",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Recipient",
                table: "IncidentFilings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecordedAt",
                table: "IncidentFilings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "IncidentFilings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            // Reports recorded before this change were entered when they were made.
            migrationBuilder.Sql("UPDATE \"IncidentFilings\" SET \"RecordedAt\" = \"At\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Method",
                table: "IncidentFilings");

            migrationBuilder.DropColumn(
                name: "Recipient",
                table: "IncidentFilings");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "IncidentFilings");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "IncidentFilings");
        }
    }
}
