using Microsoft.AspNetCore.Components;
using MudBlazor;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Notifications;
using MyAccount.Web.Components.Shared;
using MyAccount.Web.Live;

namespace MyAccount.Web.Components.Pages.Users;

public partial class UsersPage
{
    private const int PageSize = 25;

    private PagedResult<MemberRow>? _page;
    private IReadOnlyList<InvitationRow>? _invitations;
    private IDisposable? _live;
    private string? _search;
    private string? _error;
    private bool _loading;

    [Inject] private MemberService Members { get; set; } = default!;
    [Inject] private MemberManagement Management { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private AccountEventNotifier Notifier { get; set; } = default!;
    [Inject] private MyAccount.Web.Hardening.PublicLinks Links { get; set; } = default!;

    [CascadingParameter]
    public SignedInPerson Person { get; set; } = default!;

    private string CountText => _page!.TotalCount == 1 ? "1 member" : $"{_page.TotalCount:N0} members";

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync(1);
        if (RendererInfo.IsInteractive)
        {
            // Another admin's change shows up here at once.
            _live = Notifier.Subscribe(Person.CurrentAccountId, e => e is MembersChanged
                ? InvokeAsync(async () => { await LoadAsync(_page?.Page ?? 1); StateHasChanged(); })
                : Task.CompletedTask);
        }
    }

    /// <summary>Typing paused: the first page of what matches (all members when the field is empty).</summary>
    private Task SearchAsync(SearchPauseEventArgs e)
    {
        var search = string.IsNullOrWhiteSpace(e.Value) ? null : e.Value.Trim();
        if (search == _search)
        {
            return Task.CompletedTask;
        }

        _search = search;
        return LoadAsync(1);
    }

    private Task GoToPageAsync(int page) => LoadAsync(page);

    private async Task LoadAsync(int page)
    {
        _loading = true;
        _error = null;
        try
        {
            _page = await Members.ListMembersAsync(Person.Actor!, Person.CurrentAccountId, _search, new PageRequest(page, PageSize));
            _invitations = await Management.ListInvitationsAsync(Person.Actor!, Person.CurrentAccountId);
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            _page = null;
            _invitations = null;
            _error = ex.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task InviteAsync()
    {
        var products = await Management.SubscribedProductsAsync(Person.Actor!, Person.CurrentAccountId);
        var dialog = await Dialogs.ShowAsync<InviteDialog>("Invite a member",
            new DialogParameters<InviteDialog> { { d => d.Person, Person }, { d => d.Products, products } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: InvitationSent sent })
        {
            ReportSent(sent, "Invitation sent");
            await LoadAsync(_page?.Page ?? 1);
        }
    }

    private async Task EditAsync(MemberRow row)
    {
        try
        {
            var access = await Management.GetMemberAccessAsync(Person.Actor!, Person.CurrentAccountId, row.Id);
            var products = await Management.SubscribedProductsAsync(Person.Actor!, Person.CurrentAccountId);
            var summary = await Management.PermissionSummaryAsync(Person.Actor!, Person.CurrentAccountId);
            var dialog = await Dialogs.ShowAsync<EditMemberDialog>($"Edit {row.Email}",
                new DialogParameters<EditMemberDialog> { { d => d.Person, Person }, { d => d.Member, access }, { d => d.Products, products }, { d => d.Summary, summary } },
                new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
            if (await dialog.Result is { Canceled: false })
            {
                Snackbar.Add($"{row.Email} was updated.", Severity.Success);
                await LoadAsync(_page?.Page ?? 1);
            }
        }
        catch (NotFoundException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
            await LoadAsync(1);
        }
    }

    private async Task RemoveAsync(MemberRow row)
    {
        var dialog = await Dialogs.ShowAsync<ConfirmRemoveDialog>("Remove member", new DialogParameters<ConfirmRemoveDialog>
        {
            { d => d.Title, "Remove member" },
            { d => d.Message, $"Remove {row.Email} from {Person.CurrentAccount!.Name}? They lose access to the account at once." },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled)
        {
            return;
        }

        try
        {
            await Management.RemoveMemberAsync(Person.Actor!, Person.CurrentAccountId, row.Id);
            Snackbar.Add($"{row.Email} was removed.", Severity.Success);
        }
        catch (Exception ex) when (ex is DomainValidationException or AccessDeniedException or NotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }

        await LoadAsync(_page?.Page ?? 1);
    }

    private async Task ResendAsync(InvitationRow invitation)
    {
        try
        {
            ReportSent(await Management.ResendAsync(Person.Actor!, Person.CurrentAccountId, invitation.Id, Links.BaseFor(Navigation.BaseUri)), "Invitation sent again");
        }
        catch (Exception ex) when (ex is DomainValidationException or AccessDeniedException or NotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }

        await LoadAsync(_page?.Page ?? 1);
    }

    private async Task RevokeAsync(InvitationRow invitation)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke invitation",
            $"Revoke the invitation to {invitation.Email}? The link in their email stops working.", yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            await Management.RevokeAsync(Person.Actor!, Person.CurrentAccountId, invitation.Id);
            Snackbar.Add($"The invitation to {invitation.Email} was revoked.", Severity.Success);
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }

        await LoadAsync(_page?.Page ?? 1);
    }

    private void ReportSent(InvitationSent sent, string what)
    {
        if (sent.EmailSent)
        {
            Snackbar.Add($"{what} to {sent.Email}.", Severity.Success);
        }
        else
        {
            Snackbar.Add($"The invitation to {sent.Email} was saved, but the email could not be sent. Try Resend in a moment.", Severity.Warning);
        }
    }

    public void Dispose() => _live?.Dispose();
}
