using MyAccount.Domain.Common;
using MyAccount.Domain.Payments;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Payments;

/// <summary>The card-form rules report every bad field at once, and the country a new address starts with.</summary>
public sealed class PaymentInputRulesTests
{
    [Fact]
    public void An_empty_address_reports_every_required_field_at_once()
    {
        var act = () => PaymentInputRules.NormalizeAddress(new BillingAddress("", null, " ", null, "", "US"));

        act.Should().Throw<DomainValidationException>().Which.Errors.Select(e => e.Key).Should().Equal("line1", "city", "postalCode", "region");
    }

    [Fact]
    public void An_empty_card_reports_number_expiry_and_cvc_at_once()
    {
        var act = () => PaymentInputRules.ValidateCard(new SandboxCardInput(null, 0, 0, null), TestClock.Start.UtcDateTime);

        act.Should().Throw<DomainValidationException>().Which.Errors.Select(e => e.Key).Should().Equal("cardNumber", "expiry", "cvc");
    }

    [Theory]
    [InlineData("GB", "Europe/Berlin", "EUR", "GB")]    // the address on file wins
    [InlineData(null, "Europe/Berlin", "EUR", "DE")]    // Fabrikam GmbH: the time zone names the country, EUR would not
    [InlineData(null, "America/Toronto", "USD", "CA")]  // the time zone is more precise than the currency
    [InlineData(null, "Etc/UTC", "USD", "US")]          // else a currency of one country
    [InlineData(null, "Etc/UTC", "EUR", null)]          // else nothing: the person chooses
    public void A_new_address_starts_with_the_country_on_file_else_of_the_time_zone_else_of_the_currency(string? onFile, string timeZone, string currency, string? expected)
    {
        var address = onFile is null ? null : new BillingAddress("1 High St", null, "London", null, "EC1A 1BB", onFile);

        BillingCountries.Suggest(address, timeZone, currency).Should().Be(expected);
    }

    [Fact]
    public void Countries_are_named_and_codes_not_listed_stay_codes()
    {
        BillingCountries.NameOf("DE").Should().Be("Germany");
        BillingCountries.NameOf("de").Should().Be("Germany");
        BillingCountries.NameOf("PT").Should().Be("PT");
        BillingCountries.All.Select(c => c.Code).Should().OnlyHaveUniqueItems().And.OnlyContain(c => c.Length == 2 && c.All(char.IsAsciiLetterUpper));
    }
}
