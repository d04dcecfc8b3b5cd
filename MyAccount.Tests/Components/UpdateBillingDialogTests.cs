using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Members;
using MyAccount.Domain.Payments;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Pages.Billing;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Components;

/// <summary>
/// The Update Billing/Payment Info dialog, opened from the Billing tab of the demo accounts (Fabrikam GmbH: EUR, Europe/Berlin, no
/// card yet; Contoso Ltd: a card with a US address) over the real payment service, the sandbox gateway and SQLite.
/// </summary>
public sealed class UpdateBillingDialogTests : MudComponentTest
{
    private DomainFixture _domain = null!;

    protected override async Task SetUpAsync()
    {
        _domain = await DomainFixture.CreateAsync();
        (await _domain.Get<DemoDataSeeder>().SeedAsync()).Should().BeTrue();
        Services.AddSingleton(_domain.Get<PaymentService>());
        Services.AddSingleton(_domain.Get<MemberService>());
        Services.AddSingleton<TimeProvider>(_domain.Clock);
        Services.AddSingleton(new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance));
        Services.AddSingleton(new MyAccount.Web.Payments.StripeOptions());
    }

    protected override async Task DisposeCoreAsync() => await _domain.DisposeAsync();

    private async Task<IRenderedComponent<ContainerFragment>> OpenDialogAsync(string adminEmail)
    {
        await using var db = _domain.CreateDbContext();
        var admin = await db.Members.AsNoTracking().SingleAsync(m => m.Email == adminEmail);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == admin.AccountId);
        var cut = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<CascadingValue<SignedInPerson>>(2);
            builder.AddAttribute(3, "Value", new SignedInPerson(TestWorld.ActorFor(admin), new AccountChoice(account.Id, account.Name, account.CurrencyCode), [],
                IsSupportAgent: false, admin.Permissions));
            builder.AddAttribute(4, "ChildContent", (RenderFragment)(b =>
            {
                b.OpenComponent<BillingPage>(5);
                b.CloseComponent();
            }));
            builder.CloseComponent();
        });
        cut.WaitForAssertion(() => cut.Find("[data-testid=update-billing]").HasAttribute("disabled").Should().BeFalse());
        cut.Find("[data-testid=update-billing]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=save-billing]").Should().ContainSingle());
        return cut;
    }

    /// <summary>The error texts MudBlazor shows under fields.</summary>
    private const string ErrorTexts = ".mud-input-helper-text.mud-input-error";

    private static string ExpiryAhead(TimeProvider clock) => $"12/{TestClock.CardExpiryYear(clock) % 100:D2}";

    private void TypeCardAndAddress(IRenderedComponent<ContainerFragment> cut, string number)
    {
        cut.Find("input[autocomplete=cc-number]").Change(number);
        cut.Find("input[autocomplete=cc-exp]").Change(ExpiryAhead(_domain.Clock));
        cut.Find("input[autocomplete=cc-csc]").Change("123");
        cut.Find("input[autocomplete=address-line1]").Change("Friedrichstraße 100");
        cut.Find("input[autocomplete=address-level2]").Change("Berlin");
        cut.Find("input[autocomplete=postal-code]").Change("10117");
    }

    private async Task<PaymentMethod?> CardOnFileAsync(string accountName)
    {
        await using var db = _domain.CreateDbContext();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Name == accountName);
        return await db.PaymentMethods.AsNoTracking().SingleOrDefaultAsync(p => p.AccountId == account.Id);
    }

    [Fact]
    public async Task The_country_starts_as_Germany_for_the_German_account_and_is_shown_by_name()
    {
        var cut = await OpenDialogAsync("alice@fabrikam.com");

        var country = cut.Find("input[data-testid=country]");
        country.GetAttribute("value").Should().Be("Germany", "Fabrikam GmbH has no card on file and is in Europe/Berlin");
        country.GetAttribute("aria-label").Should().Be("Country");

        cut.Find(".mud-select .mud-input").MouseDown();
        cut.WaitForAssertion(() => cut.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())
            .Should().Contain(["Germany", "United States", "France"]).And.NotContain(["DE", "US", "FR"]));
    }

    [Fact]
    public async Task The_country_of_the_address_on_file_wins()
    {
        var cut = await OpenDialogAsync("alice@contoso.com");
        cut.Find("input[type=checkbox]").Change(true); // replace the card on file

        cut.WaitForAssertion(() => cut.Find("input[data-testid=country]").GetAttribute("value").Should().Be("United States"));
    }

    [Fact]
    public async Task An_empty_save_flags_every_empty_required_field_at_once_and_saves_nothing()
    {
        var cut = await OpenDialogAsync("alice@fabrikam.com");
        cut.Find("textarea").Change("");

        cut.Find("[data-testid=save-billing]").Click();

        cut.WaitForAssertion(() => cut.FindAll(ErrorTexts).Select(e => e.TextContent.Trim()).Should().BeEquivalentTo(
            "The card number is not valid.", "The expiry date is required (MM/YY).", "The security code (CVC) has 3 or 4 digits.",
            "The first address line is required.", "The city is required.", "The postal code is required for this country.",
            "Add at least one email address to receive the monthly invoices."));
        cut.FindAll("input[aria-invalid=true], textarea[aria-invalid=true]").Should().HaveCount(7);
        (await CardOnFileAsync("Fabrikam GmbH")).Should().BeNull();
    }

    [Fact]
    public async Task A_save_failing_on_a_recipient_typo_keeps_the_card_details_so_fixing_the_typo_saves()
    {
        var cut = await OpenDialogAsync("alice@fabrikam.com");
        TypeCardAndAddress(cut, "4242 4242 4242 4242");
        cut.Find("textarea").Change("rechnungen@fabrikam.com\nbuchhaltung@fabrikam");

        cut.Find("[data-testid=save-billing]").Click();

        cut.WaitForAssertion(() => cut.Find(ErrorTexts).TextContent.Trim().Should().Be("'buchhaltung@fabrikam' is not a valid email address."));
        cut.Find("input[autocomplete=cc-number]").GetAttribute("value").Should().Be("4242 4242 4242 4242");
        cut.Find("input[autocomplete=cc-csc]").GetAttribute("value").Should().Be("123");
        cut.Markup.Should().NotContain("The card number is not valid.");

        cut.Find("textarea").Change("rechnungen@fabrikam.com\nbuchhaltung@fabrikam.com");
        cut.Find("[data-testid=save-billing]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=save-billing]").Should().BeEmpty("the dialog closed after saving"));
        var saved = await CardOnFileAsync("Fabrikam GmbH");
        saved!.Last4.Should().Be("4242");
        saved.BillingAddress.Country.Should().Be("DE", "the select's values stay ISO codes");
    }

    [Fact]
    public async Task An_address_check_failure_is_one_alert_above_the_address_and_the_card_details_stay()
    {
        var cut = await OpenDialogAsync("alice@fabrikam.com");
        TypeCardAndAddress(cut, "4000000000000036"); // the sandbox's card failing the postal-code check

        cut.Find("[data-testid=save-billing]").Click();

        var alert = cut.WaitForElement("[data-testid=address-check-failed]");
        alert.GetAttribute("role").Should().Be("alert");
        alert.TextContent.Should().Contain("The billing address does not match the card").And.Contain("different postal code");
        cut.FindAll("[data-testid=address-check-failed]").Should().ContainSingle();
        cut.FindAll(ErrorTexts).Should().BeEmpty("no field carries the paragraph");
        alert.CompareDocumentPosition(cut.Find("input[autocomplete=address-line1]")).Should().HaveFlag(DocumentPositions.Following, "the alert is above the address");
        cut.Find("input[autocomplete=cc-number]").GetAttribute("value").Should().Be("4000000000000036");
        (await CardOnFileAsync("Fabrikam GmbH")).Should().BeNull();
    }
}
