using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MyAccount.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InvoiceEmails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InvoiceEmailDelivery",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvoiceEmailDelivery", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvoiceEmailDelivery_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceEmailDelivery_InvoiceId",
                table: "InvoiceEmailDelivery",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceEmailDelivery_NextAttemptAt",
                table: "InvoiceEmailDelivery",
                column: "NextAttemptAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InvoiceEmailDelivery");
        }
    }
}
