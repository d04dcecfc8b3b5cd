using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Notifications;
using MyAccount.Web.Auth;

namespace MyAccount.Web.Live;

/// <summary>
/// <c>/hubs/account</c>: authenticated clients follow their current account's events (<c>InvoicePosted</c>). A connection
/// joins only the group of the account its sign-in resolves to, so members receive their own account's events only; a
/// connection whose person loses access to the account (removed, or no longer bound to it) is closed at once.
/// </summary>
[Authorize]
public sealed class AccountHub(AccountDirectory directory, Microsoft.EntityFrameworkCore.IDbContextFactory<MyAccount.Domain.Persistence.MyAccountDbContext> dbFactory,
    MyAccount.Domain.Access.AccessGuard guard, AccountHubConnections connections) : Hub
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

        // Registered before the access check: a removal that commits meanwhile finds this connection and closes it.
        connections.Add(Context, account.Id, Context.User!.ToPersonIdentity()!, person.IsSupportAgent);
        try
        {
            // Following an account's events is viewing it: checked like any other read (and recorded for support agents).
            await using (var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted))
            {
                await guard.EnsureCanViewAsync(db, person.Actor!, account.Id, "live updates", Context.ConnectionAborted);
            }

            await Groups.AddToGroupAsync(Context.ConnectionId, Group(account.Id));
        }
        catch
        {
            connections.Remove(Context.ConnectionId);
            throw;
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>The hub's open connections per account, so that a change of membership can close the ones that lost access.</summary>
public sealed class AccountHubConnections
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new();

    public sealed record Connection(HubCallerContext Context, AccountId AccountId, PersonIdentity Person, bool IsSupportAgent);

    public void Add(HubCallerContext context, AccountId accountId, PersonIdentity person, bool isSupportAgent) =>
        _connections[context.ConnectionId] = new Connection(context, accountId, person, isSupportAgent);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IReadOnlyList<Connection> Of(AccountId accountId) => _connections.Values.Where(c => c.AccountId == accountId).ToList();
}

/// <summary>
/// Forwards the notifier's events to the hub's per-account groups, and after a change of an account's members closes every
/// connection of that account whose person may no longer open it (before the change's publisher returns).
/// </summary>
public sealed class HubEventBridge(AccountEventNotifier notifier, IHubContext<AccountHub> hub, AccountHubConnections connections,
    AccountDirectory directory, ILogger<HubEventBridge> logger) : IHostedService
{
    private IDisposable[] _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A group send reaches every instance's connections through the SignalR backplane (cluster): only the instance where the
        // invoice was posted sends it. Access re-checks concern each instance's own connections: every instance runs them.
        var sends = notifier.SubscribeAll(e =>
        {
            if (e is InvoicePosted posted)
            {
                Send(posted);
            }

            return Task.CompletedTask;
        }, includeOtherInstances: false);
        var checks = notifier.SubscribeAll(e => e is MembersChanged changed ? CloseConnectionsWithoutAccessAsync(changed.AccountId) : Task.CompletedTask);
        _subscriptions = [sends, checks];
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends without making the publisher wait: in a cluster the send goes through Redis, and a Redis that does not answer must not
    /// hold up billing for its timeout. Sends are issued in order; a failed one is logged.
    /// </summary>
    private void Send(InvoicePosted posted) =>
        hub.Clients.Group(AccountHub.Group(posted.AccountId))
            .SendAsync("InvoicePosted", new { number = posted.Number, period = posted.Period, totalMinor = posted.TotalMinor, currency = posted.CurrencyCode })
            .ContinueWith(t => logger.LogWarning(t.Exception, "Could not send invoice {Number} to the live-update hub.", posted.Number),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>Re-checks each open connection of the account against the database; closes those that lost access.</summary>
    public async Task CloseConnectionsWithoutAccessAsync(AccountId accountId)
    {
        foreach (var connection in connections.Of(accountId))
        {
            try
            {
                var person = await directory.ResolveAsync(connection.Person, connection.IsSupportAgent, accountId);
                if (person.CurrentAccount?.Id == accountId)
                {
                    continue;
                }
            }
            catch (Exception ex)
            {
                // Access cannot be confirmed: the connection is closed (the client reconnects and is checked again).
                logger.LogWarning(ex, "Could not re-check live-update connection {Connection}; closing it.", connection.Context.ConnectionId);
            }

            logger.LogInformation("Closing live-update connection {Connection}: its person no longer has access to account {Account}.",
                connection.Context.ConnectionId, accountId);
            await hub.Groups.RemoveFromGroupAsync(connection.Context.ConnectionId, AccountHub.Group(accountId));
            connections.Remove(connection.Context.ConnectionId);
            connection.Context.Abort();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        return Task.CompletedTask;
    }
}
