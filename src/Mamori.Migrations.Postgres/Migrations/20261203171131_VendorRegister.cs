using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class VendorRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Vendors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FacilityId = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SystemName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactPerson = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContractFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ContractUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Remote = table.Column<bool>(type: "boolean", nullable: false),
                    RemoteMethod = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DisclosureFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    DisclosureVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DisclosureDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Memo = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vendors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vendors_Facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "Facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Vendors_StoredFiles_DisclosureFileId",
                        column: x => x.DisclosureFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_DisclosureFileId",
                table: "Vendors",
                column: "DisclosureFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_FacilityId_SystemKind",
                table: "Vendors",
                columns: new[] { "FacilityId", "SystemKind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Vendors");
        }
    }
}
