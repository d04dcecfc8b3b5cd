using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MyAccount.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class EInvoicingAndVat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BuyerAddressLine1",
                table: "Invoices",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BuyerAddressLine2",
                table: "Invoices",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BuyerCity",
                table: "Invoices",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BuyerCountryCode",
                table: "Invoices",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BuyerLegalName",
                table: "Invoices",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BuyerPostalCode",
                table: "Invoices",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BuyerReference",
                table: "Invoices",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BuyerVatId",
                table: "Invoices",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SellerCountryCode",
                table: "Invoices",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SellerVatId",
                table: "Invoices",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TaxMinor",
                table: "Invoices",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "VatCategory",
                table: "Invoices",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "VatRate",
                table: "Invoices",
                type: "numeric(5,2)",
                precision: 5,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountBillingDetails",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    LegalName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddressLine1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddressLine2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PostalCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    VatId = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    BuyerReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EInvoicing = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountBillingDetails", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_AccountBillingDetails_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountBillingDetails");

            migrationBuilder.DropColumn(
                name: "BuyerAddressLine1",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "BuyerAddressLine2",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "BuyerCity",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "BuyerCountryCode",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "BuyerLegalName",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "BuyerPostalCode",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "BuyerReference",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "BuyerVatId",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "SellerCountryCode",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "SellerVatId",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "TaxMinor",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "VatCategory",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "VatRate",
                table: "Invoices");
        }
    }
}
