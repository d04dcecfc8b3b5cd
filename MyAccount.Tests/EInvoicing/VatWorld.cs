using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Common;
using MyAccount.Domain.EInvoicing;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Tax;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.EInvoicing;

/// <summary>A domain fixture with VAT on: a German vendor (DE, 19 %) and standard rates for a few EU countries, as configuration.</summary>
public static class VatWorld
{
    public const string VendorVatId = "DE123456789";

    public static Task<DomainFixture> CreateAsync(bool enabled = true, string? vendorVatId = VendorVatId, DateTimeOffset? now = null) =>
        DomainFixture.CreateAsync(now ?? new DateTimeOffset(TestClock.Start.Year, 11, 28, 10, 0, 0, TimeSpan.Zero), services: services => services
            .AddSingleton(new TaxSettings
            {
                Enabled = enabled,
                StandardRates = new(StringComparer.OrdinalIgnoreCase) { ["DE"] = 19m, ["FR"] = 20m, ["AT"] = 20m, ["IE"] = 23m, ["FI"] = 25.5m },
            })
            .AddSingleton(new VendorDetails
            {
                Name = "Lumen Software GmbH", Street = "Hafenstraße 1", PostalCode = "20457", City = "Hamburg", CountryCode = "DE", VatId = vendorVatId,
                RegistrationId = "HRB 123456", Email = "billing@lumen.example",
            }));

    public static BillingDetailsInput German(string? vatId = "DE 987 654 321", string? buyerReference = null) =>
        new("Fabrikam GmbH", "Friedrichstraße 10", null, "10117", "Berlin", "DE", vatId, buyerReference, EInvoicing: true);

    public static BillingDetailsInput French(string? vatId = "FR40303265045") =>
        new("Contoso SARL", "12 rue de Rivoli", "Bâtiment B", "75001", "Paris", "FR", vatId, null);

    public static Task DetailsAsync(DomainFixture fixture, AccountId account, BillingDetailsInput details) =>
        fixture.Get<BillingDetailsService>().UpdateAsync(BillingScenario.Operator, account, details);

    /// <summary>Both syntaxes of an invoice, named after it.</summary>
    public static async Task<(string Name, byte[] Cii, byte[] Ubl)> EInvoicesAsync(DomainFixture fixture, string number)
    {
        var service = fixture.Get<EInvoiceService>();
        var cii = await service.GetFileAsync(BillingScenario.Operator, number, EInvoiceSyntax.Cii);
        var ubl = await service.GetFileAsync(BillingScenario.Operator, number, EInvoiceSyntax.Ubl);
        return (number, cii.Content, ubl.Content);
    }
}
