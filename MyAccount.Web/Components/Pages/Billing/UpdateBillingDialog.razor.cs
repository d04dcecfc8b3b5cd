using MyAccount.Web.Components.Shared;
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
    private static readonly HashSet<string> FieldsShownHere =
        ["cardNumber", "expiry", "cvc", "line1", "city", "region", "postalCode", "country", "recipients"];

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
    private string? _country;
    private string? _recipients;
    private string? _error;
    private string? _addressCheck;
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
        else
        {
            // No address on file: the account's country as the domain reads it (time zone, else currency), or none to choose.
            _country = Current?.SuggestedCountry;
        }
    }

    private bool _stripeMounted;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Stripe.Enabled && _replaceCard && !_stripeMounted)
        {
            _stripeMounted = true;
            await JS.InvokeVoidAsync("myAccountStripe.mount", JsTimeouts.LoadsScript, Stripe.PublishableKey, "stripe-card-element");
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
            return SandboxCard();
        }

        var secret = await Payments.BeginCardSetupAsync(Person.Actor!, Person.CurrentAccountId);
        var result = await JS.InvokeAsync<StripeConfirmation>("myAccountStripe.confirm", JsTimeouts.WaitsForPerson, secret, address);
        return result.SetupIntentId is { } id ? new GatewayCardInput(id) : throw new DomainValidationException("cardNumber", result.Error ?? "The card was not accepted.");
    }

    private sealed record StripeConfirmation(string? SetupIntentId, string? Error);

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    private async Task SaveAsync()
    {
        _errors.Clear();
        _error = null;
        _addressCheck = null;
        var recipients = (_recipients ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var address = new BillingAddress(_line1 ?? "", _line2, _city ?? "", _region, _postalCode ?? "", _country ?? "");

        // Every field is checked with the domain's rules before anything is saved: all problems show at once, and a bad
        // recipient list never leaves a half-made change. The card fields keep what was typed after any failure.
        Check(() => PaymentInputRules.NormalizeRecipients(recipients));
        if (_replaceCard)
        {
            Check(() => PaymentInputRules.NormalizeAddress(address));
            if (!Stripe.Enabled)
            {
                if (ReadExpiry(_expiry) is null)
                {
                    // Reported before the card rules, whose message for the 0/0 they then see is not added twice.
                    _errors["expiry"] = string.IsNullOrWhiteSpace(_expiry) ? "The expiry date is required (MM/YY)." : "Enter the expiry as MM/YY.";
                }

                Check(() => PaymentInputRules.ValidateCard(SandboxCard(), Clock.GetUtcNow().UtcDateTime));
            }
        }

        if (_errors.Count > 0)
        {
            return;
        }

        _saving = true;
        try
        {
            if (_replaceCard)
            {
                await Payments.UpdateCardAsync(Person.Actor!, Person.CurrentAccountId, await CardAsync(address), address);
            }

            await Payments.UpdateRecipientsAsync(Person.Actor!, Person.CurrentAccountId, recipients);
            MudDialog.Close(DialogResult.Ok(true));
        }
        catch (DomainValidationException ex)
        {
            Show(ex);
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            _error = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    private void Check(Action rule)
    {
        try
        {
            rule();
        }
        catch (DomainValidationException ex)
        {
            Show(ex);
        }
    }

    private void Show(DomainValidationException ex)
    {
        foreach (var (field, message) in ex.Errors)
        {
            if (field == PaymentService.AddressCheckField)
            {
                _addressCheck = message;
            }
            else if (FieldsShownHere.Contains(field))
            {
                _errors.TryAdd(field, message);
            }
            else
            {
                _error ??= message;
            }
        }
    }

    private SandboxCardInput SandboxCard()
    {
        var (month, year) = ReadExpiry(_expiry) ?? (0, 0);
        return new SandboxCardInput(_number, month, year, _cvc);
    }

    /// <summary>The typed MM/YY (or MM/YYYY), or null when it cannot be read.</summary>
    private static (int Month, int Year)? ReadExpiry(string? text)
    {
        var parts = (text ?? "").Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                              && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return (month, year < 100 ? 2000 + year : year);
        }

        return null;
    }
}
