using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FacilityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SystemName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactPerson = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContractFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ContractUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Remote = table.Column<bool>(type: "INTEGER", nullable: false),
                    RemoteMethod = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DisclosureFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisclosureVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DisclosureDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Memo = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
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
