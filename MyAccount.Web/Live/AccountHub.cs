using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Web.Auth;

namespace MyAccount.Web.Live;

/// <summary>
/// <c>/hubs/account</c>: authenticated clients follow their current account's events (<c>InvoicePosted</c>). A connection
/// joins only the group of the account its sign-in resolves to, so members receive their own account's events only.
/// </summary>
[Authorize]
public sealed class AccountHub(AccountDirectory directory, Microsoft.EntityFrameworkCore.IDbContextFactory<MyAccount.Domain.Persistence.MyAccountDbContext> dbFactory, MyAccount.Domain.Access.AccessGuard guard) : Hub
{
    public const string Path = "/hubs/account";

    public static string Group(AccountId accountId) => $"account:{accountId}";

    public override async Task OnConnectedAsync()
    {
        var person = await HttpPerson.ResolveAsync(Context.User!, directory, Context.ConnectionAborted);
        if (person.CurrentAccount is not { } account)
        {
            Context.Abort();
            return;
        }

        // Following an account's events is viewing it: checked like any other read (and recorded for support agents).
        await using (var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted))
        {
            await guard.EnsureCanViewAsync(db, person.Actor!, account.Id, "live updates", Context.ConnectionAborted);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(account.Id));
        await base.OnConnectedAsync();
    }
}

/// <summary>Forwards the notifier's events to the hub's per-account groups.</summary>
public sealed class HubEventBridge(AccountEventNotifier notifier, IHubContext<AccountHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.SubscribeAll(e => e is Domain.Notifications.InvoicePosted posted
            ? hub.Clients.Group(AccountHub.Group(posted.AccountId)).SendAsync("InvoicePosted",
                new { number = posted.Number, period = posted.Period, totalMinor = posted.TotalMinor, currency = posted.CurrencyCode })
            : Task.CompletedTask);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
