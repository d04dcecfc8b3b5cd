using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Web.Hardening;

namespace MyAccount.Web.Components.Pages.Users;

public partial class InviteDialog
{
    private static readonly string[] Fields = ["email", "phone", "products"];

    private readonly HashSet<ProductId> _products = [];
    private readonly Dictionary<string, string> _errors = [];
    private readonly HashSet<string> _edited = [];
    private MudTextField<string> _emailField = default!;
    private MudTextField<string> _phoneField = default!;
    private string? _email;
    private string? _phone;
    private bool _canManageUsers;
    private bool _canManagePayment;
    private bool _saving;
    private string? _error;

    [Inject] private MemberManagement Management { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private PublicLinks Links { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public SignedInPerson Person { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<SubscribedProduct> Products { get; set; } = [];

    private MemberAccessInput Input => new(_email, _phone, _products.ToList(), new MemberPermissions(_canManageUsers, _canManagePayment));

    /// <summary>The domain's own rules (the service checks them again), over the products this dialog offers.</summary>
    private IReadOnlyDictionary<string, string> Problems() => MemberAccessRules.Check(Input, Products.Select(p => p.Id).ToList());

    /// <summary>A shown error goes away as soon as the field is fixed; a new one waits for the blur.</summary>
    private void Edited(string field)
    {
        _edited.Add(field);
        if (_errors.ContainsKey(field))
        {
            Recheck(field);
        }
    }

    /// <summary>Leaving a field checks it, once something was typed into it: tabbing through an empty form is not an error.</summary>
    private void Blurred(string field)
    {
        if (_edited.Contains(field))
        {
            Recheck(field);
        }
    }

    private void Recheck(string field)
    {
        if (Problems().TryGetValue(field, out var message))
        {
            _errors[field] = message;
        }
        else
        {
            _errors.Remove(field);
        }
    }

    private async Task SendOnEnterAsync(KeyboardEventArgs args)
    {
        if (args.Key is "Enter" && !args.ShiftKey && !args.AltKey && !args.CtrlKey && !args.MetaKey)
        {
            await InviteAsync();
        }
    }

    private async Task InviteAsync()
    {
        if (_saving)
        {
            return;
        }

        _error = null;
        _errors.Clear();
        foreach (var (field, message) in Problems())
        {
            _errors[field] = message;
        }

        if (_errors.Count > 0)
        {
            await FocusFirstErrorAsync();
            return;
        }

        _saving = true;
        try
        {
            var sent = await Management.InviteAsync(Person.Actor!, Person.CurrentAccountId, Input, Links.BaseFor(Navigation.BaseUri));
            MudDialog.Close(DialogResult.Ok(sent));
        }
        catch (DomainValidationException ex)
        {
            foreach (var (field, message) in ex.Errors)
            {
                if (Fields.Contains(field))
                {
                    _errors[field] = message;
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

    private async Task FocusFirstErrorAsync()
    {
        if (_errors.ContainsKey("email"))
        {
            await _emailField.FocusAsync();
        }
        else if (_errors.ContainsKey("phone"))
        {
            await _phoneField.FocusAsync();
        }
    }
}
