using Microsoft.AspNetCore.Components;
using MudBlazor;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Payments;

namespace MyAccount.Web.Components.Pages.Billing;

public partial class EditBillingDetailsDialog
{
    private static readonly HashSet<string> FieldsShownHere =
        ["legalName", "addressLine1", "addressLine2", "postalCode", "city", "countryCode", "vatId", "buyerReference"];

    private readonly Dictionary<string, string> _errors = [];
    private string? _legalName;
    private string? _line1;
    private string? _line2;
    private string? _postalCode;
    private string? _city;
    private string? _country;
    private string? _vatId;
    private string? _buyerReference;
    private bool _eInvoicing;
    private string? _error;
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public SignedInPerson Person { get; set; } = default!;

    [Parameter]
    public BillingDetailsInput? Current { get; set; }

    /// <summary>The country to start with when there are no details yet (the one the Billing / Payment tab suggests).</summary>
    [Parameter]
    public string? SuggestedCountry { get; set; }

    protected override void OnInitialized()
    {
        if (Current is { } d)
        {
            (_legalName, _line1, _line2, _postalCode, _city, _country, _vatId, _buyerReference, _eInvoicing) =
                (d.LegalName, d.AddressLine1, d.AddressLine2, d.PostalCode, d.City, d.CountryCode, d.VatId, d.BuyerReference, d.EInvoicing);
        }
        else
        {
            _country = SuggestedCountry;
        }
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    private async Task SaveAsync()
    {
        _errors.Clear();
        _error = null;
        var input = new BillingDetailsInput(_legalName, _line1, _line2, _postalCode, _city, _country, _vatId, _buyerReference, _eInvoicing);
        _saving = true;
        try
        {
            // The domain checks everything (every wrong field at once) before anything is saved; what was typed stays on failure.
            await BillingDetails.UpdateAsync(Person.Actor!, Person.CurrentAccountId, input);
            MudDialog.Close(DialogResult.Ok(true));
        }
        catch (DomainValidationException ex)
        {
            foreach (var (field, message) in ex.Errors)
            {
                if (FieldsShownHere.Contains(field))
                {
                    _errors.TryAdd(field, message);
                }
                else
                {
                    _error ??= message;
                }
            }
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
}
