using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Payments;

namespace MyAccount.Web.Components.Pages.Billing;

public partial class UpdateBillingDialog
{
    internal static readonly IReadOnlyList<(string Code, string Name)> Countries =
    [
        ("US", "United States"), ("CA", "Canada"), ("GB", "United Kingdom"), ("IE", "Ireland"), ("DE", "Germany"), ("FR", "France"),
        ("NL", "Netherlands"), ("BE", "Belgium"), ("ES", "Spain"), ("IT", "Italy"), ("SE", "Sweden"), ("DK", "Denmark"), ("NO", "Norway"),
        ("CH", "Switzerland"), ("AT", "Austria"), ("AU", "Australia"), ("NZ", "New Zealand"), ("JP", "Japan"),
    ];

    private readonly Dictionary<string, string> _errors = [];
    private bool _replaceCard;
    private string? _number;
    private string? _expiry;
    private string? _cvc;
    private string? _line1;
    private string? _line2;
    private string? _city;
    private string? _region;
    private string? _postalCode;
    private string _country = "US";
    private string? _recipients;
    private string? _error;
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public SignedInPerson Person { get; set; } = default!;

    [Parameter]
    public BillingOverview? Current { get; set; }

    protected override void OnInitialized()
    {
        _replaceCard = Current?.PaymentMethod is null;
        _recipients = string.Join('\n', Current?.Recipients ?? []);
        if (Current?.PaymentMethod?.BillingAddress is { } address)
        {
            (_line1, _line2, _city, _region, _postalCode, _country) = (address.Line1, address.Line2, address.City, address.Region, address.PostalCode, address.Country);
        }
    }

    private bool _stripeMounted;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Stripe.Enabled && _replaceCard && !_stripeMounted)
        {
            _stripeMounted = true;
            await JS.InvokeVoidAsync("myAccountStripe.mount", Stripe.PublishableKey, "stripe-card-element");
        }
        else if (!_replaceCard)
        {
            _stripeMounted = false;
        }
    }

    private async Task<CardInput> CardAsync(BillingAddress address)
    {
        if (!Stripe.Enabled)
        {
            var (month, year) = ParseExpiry(_expiry);
            return new SandboxCardInput(_number, month, year, _cvc);
        }

        PaymentInputRules.NormalizeAddress(address);
        var secret = await Payments.BeginCardSetupAsync(Person.Actor!, Person.CurrentAccountId);
        var result = await JS.InvokeAsync<StripeConfirmation>("myAccountStripe.confirm", secret, address);
        return result.SetupIntentId is { } id ? new GatewayCardInput(id) : throw new DomainValidationException("cardNumber", result.Error ?? "The card was not accepted.");
    }

    private sealed record StripeConfirmation(string? SetupIntentId, string? Error);

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    private async Task SaveAsync()
    {
        _errors.Clear();
        _error = null;
        var recipients = (_recipients ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            // Check the recipients before anything is saved, so a bad list never leaves a half-made change.
            PaymentInputRules.NormalizeRecipients(recipients);

            _saving = true;
            if (_replaceCard)
            {
                var address = new BillingAddress(_line1 ?? "", _line2, _city ?? "", _region, _postalCode ?? "", _country);
                await Payments.UpdateCardAsync(Person.Actor!, Person.CurrentAccountId, await CardAsync(address), address);
            }

            await Payments.UpdateRecipientsAsync(Person.Actor!, Person.CurrentAccountId, recipients);
            MudDialog.Close(DialogResult.Ok(true));
        }
        catch (DomainValidationException ex)
        {
            _errors[ex.Field] = ex.Message;
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            _error = ex.Message;
        }
        finally
        {
            _saving = false;
            // Card details are never kept in the dialog after an attempt.
            _number = null;
            _cvc = null;
        }
    }

    private static (int Month, int Year) ParseExpiry(string? text)
    {
        var parts = (text ?? "").Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                              && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return (month, year < 100 ? 2000 + year : year);
        }

        throw new DomainValidationException("expiry", "Enter the expiry as MM/YY.");
    }
}
