using Microsoft.AspNetCore.Components;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;

namespace MyAccount.Web.Components.Pages.Users;

public partial class UsersPage
{
    private const int PageSize = 25;

    private PagedResult<MemberRow>? _page;
    private string? _search;
    private string? _error;
    private bool _loading;

    [CascadingParameter]
    public SignedInPerson Person { get; set; } = default!;

    private string CountText => _page!.TotalCount == 1 ? "1 member" : $"{_page.TotalCount:N0} members";

    protected override Task OnInitializedAsync() => LoadAsync(1);

    private Task SearchAsync(string? _) => LoadAsync(1);

    private Task GoToPageAsync(int page) => LoadAsync(page);

    private async Task LoadAsync(int page)
    {
        _loading = true;
        _error = null;
        try
        {
            _page = await Members.ListMembersAsync(Person.Actor!, Person.CurrentAccountId, _search, new PageRequest(page, PageSize));
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            _page = null;
            _error = ex.Message;
        }
        finally
        {
            _loading = false;
        }
    }
}
