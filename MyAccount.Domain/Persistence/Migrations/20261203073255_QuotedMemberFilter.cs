using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MyAccount.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class QuotedMemberFilter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_Members_AccountId_Email",
                table: "Members",
                columns: new[] { "AccountId", "Email" },
                unique: true,
                filter: "Status = 0");
        }
    }
}
