using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mamori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SealedAuditChains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "AuditEntries",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<string>(
                name: "Chain",
                table: "AuditEntries",
                type: "character varying(36)",
                maxLength: 36,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Number",
                table: "AuditEntries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Entries written before the chains were sealed keep their order as the chain "legacy"; the first start
            // after this migration checks them the old way and seals them (Mamori.Audit.AuditLegacy).
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"Chain\" = 'legacy', \"Number\" = \"Id\";");
            // The ids were assigned by the app until now: the new identity continues after them.
            migrationBuilder.Sql("SELECT setval(pg_get_serial_sequence('\"AuditEntries\"', 'Id'), COALESCE(MAX(\"Id\"), 0) + 1, false) FROM \"AuditEntries\";");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Chain_Number",
                table: "AuditEntries",
                columns: new[] { "Chain", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Chain_Number",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Chain",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "AuditEntries");

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "AuditEntries",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .OldAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
        }
    }
}
