using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Payments;

/// <summary>
/// An account's billing details (legal name, address, VAT ID, buyer reference, e-invoicing). Anyone who may view the account reads
/// them; members who may edit payment information and billing operators change them; support agents never do. Every change is
/// audited; bad input changes nothing.
/// </summary>
public sealed class BillingDetailsService(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard, TimeProvider clock, IAccountEventPublisher events)
{
    public const string AuditAction = "billing.details";

    /// <summary>The account's billing details, or null when none were given yet.</summary>
    public async Task<BillingDetailsView?> GetAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "billing details", ct);
        var details = await db.AccountBillingDetails.AsNoTracking().SingleOrDefaultAsync(d => d.AccountId == accountId, ct);
        return details is null ? null : new BillingDetailsView(details.ToInput(), details.UpdatedAt, details.UpdatedBy);
    }

    public async Task<BillingDetailsView> UpdateAsync(Actor actor, AccountId accountId, BillingDetailsInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (actor is OperatorActor)
        {
            await guard.EnsureCanViewAsync(db, actor, accountId, "billing details", ct);
        }
        else
        {
            await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManagePayment, ct);
        }

        var normalized = BillingDetailsRules.Normalize(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var details = await db.AccountBillingDetails.SingleOrDefaultAsync(d => d.AccountId == accountId, ct);
        var before = details?.ToInput();
        if (before == normalized)
        {
            return new BillingDetailsView(details!.ToInput(), details.UpdatedAt, details.UpdatedBy);
        }

        if (details is null)
        {
            details = new AccountBillingDetails(accountId, normalized, now, actor.Name);
            db.AccountBillingDetails.Add(details);
        }
        else
        {
            details.Update(normalized, now, actor.Name);
        }

        AuditLog.Record(db, clock, actor, accountId, AuditAction, normalized.LegalName ?? "billing details", before, normalized);
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new PaymentMethodChanged(accountId));
        return new BillingDetailsView(normalized, now, actor.Name);
    }
}
