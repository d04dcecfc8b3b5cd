using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MyAccount.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CreditBalance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "ProductId",
                table: "InvoiceLines",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "CreditSource",
                table: "InvoiceLines",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreditSource",
                table: "InvoiceLines");

            migrationBuilder.AlterColumn<Guid>(
                name: "ProductId",
                table: "InvoiceLines",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
