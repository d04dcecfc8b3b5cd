using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MyAccount.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProviderNeutralModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_UsageEvents_Accounts_AccountId",
                table: "UsageEvents");

            migrationBuilder.DropForeignKey(
                name: "FK_UsageEvents_Products_ProductId",
                table: "UsageEvents");

            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_ProductId",
                table: "UsageEvents");

            migrationBuilder.DropIndex(
                name: "IX_Members_AccountId_Email",
                table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_AccountId_Email",
                table: "Members",
                columns: new[] { "AccountId", "Email" },
                unique: true,
                filter: "\"Status\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_AccountId_Email",
                table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_ProductId",
                table: "UsageEvents",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Members_AccountId_Email",
                table: "Members",
                columns: new[] { "AccountId", "Email" },
                unique: true,
                filter: "Status = 0");

            migrationBuilder.AddForeignKey(
                name: "FK_UsageEvents_Accounts_AccountId",
                table: "UsageEvents",
                column: "AccountId",
                principalTable: "Accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_UsageEvents_Products_ProductId",
                table: "UsageEvents",
                column: "ProductId",
                principalTable: "Products",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
