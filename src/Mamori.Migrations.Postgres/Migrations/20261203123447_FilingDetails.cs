using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Postgres.Migrations
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
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Recipient",
                table: "IncidentFilings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RecordedAt",
                table: "IncidentFilings",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "IncidentFilings",
                type: "character varying(200)",
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
