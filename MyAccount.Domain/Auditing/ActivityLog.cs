using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Auditing;

/// <summary>The kinds of activity the log filters by.</summary>
public enum ActivityKind
{
    All,
    Members,
    Payment,
    Invoices,
    SupportViews,
}

/// <summary>One entry of the account's activity log.</summary>
public sealed record ActivityEntry(DateTime At, string ActorKind, string ActorName, string Action, string Target, string? Before, string? After)
{
    /// <summary>Who did it, for people: a member's email, a support agent's name, "Automatic billing", an operator's name.</summary>
    public string Who { get; init; } = ActorName;

    /// <summary>Their role: "Admin", "Manages users", "Manages payment", "Member", "Former member", "Vendor support", "Operator (API)", "System".</summary>
    public string Role { get; init; } = "";

    /// <summary>What changed, field by field, with names instead of ids.</summary>
    public IReadOnlyList<ActivityChange> Changes { get; init; } = [];

    /// <summary>The action for people: "Invited a member", "Viewed (support)", …</summary>
    public string Description => Action switch
    {
        "invitation.create" => "Invited a member",
        "invitation.resend" => "Resent an invitation",
        "invitation.revoke" => "Revoked an invitation",
        "invitation.accept" => "Accepted an invitation",
        "member.update" => "Changed a member's access",
        "member.remove" => "Removed a member",
        "member.provision" => "Provisioned a member",
        "payment.card" => "Changed the card on file",
        "payment.recipients" => "Changed the invoice recipients",
        "alerts.change" => "Changed usage alerts",
        "invoice.posted" => "Invoice posted",
        "invoice.paid" => "Invoice paid",
        "invoice.payment_failed" => "Payment failed",
        "credit_note.issued" => "Credit note issued",
        "credit_note.refunded" => "Credit note refunded to the card",
        "credit_note.refund_failed" => "Refund failed",
        "support.view" => "Viewed by vendor support",
        _ => Action,
    };
}

/// <summary>
/// Everything that changed the account, and every support-agent view, newest first. Members of the account read it; so can
/// support agents (which is itself a view, and recorded).
/// </summary>
public sealed class ActivityLog(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard)
{
    public async Task<PagedResult<ActivityEntry>> ListAsync(Actor actor, AccountId accountId, ActivityKind kind, string? person, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "activity log", ct);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.AccountId == accountId);
        query = kind switch
        {
            ActivityKind.Members => query.Where(a => a.Action.StartsWith("member.") || a.Action.StartsWith("invitation.")),
            ActivityKind.Payment => query.Where(a => a.Action.StartsWith("payment.")),
            ActivityKind.Invoices => query.Where(a => a.Action.StartsWith("invoice.") || a.Action.StartsWith("credit_note.")),
            ActivityKind.SupportViews => query.Where(a => a.Action == "support.view"),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(person))
        {
            var term = person.Trim().ToLowerInvariant();
            query = query.Where(a => a.ActorName.ToLower().Contains(term));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip(page.Skip).Take(page.SafePageSize)
            .Select(a => new ActivityEntry(a.At, a.ActorKind, a.ActorName, a.Action, a.Target, a.Before, a.After))
            .ToListAsync(ct);

        // Names and roles as they are now, product names for ids: read once for the page.
        var memberEmails = rows.Where(r => r.ActorKind == "member").Select(r => r.ActorName).Distinct().ToList();
        var members = await db.Members.AsNoTracking()
            .Where(m => m.AccountId == accountId && memberEmails.Contains(m.Email))
            .Select(m => new { m.Email, m.Status, m.CanManageUsers, m.CanManagePayment })
            .ToListAsync(ct);
        var roles = members.GroupBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.Status == Members.MemberStatus.Removed).First() switch
            {
                { Status: Members.MemberStatus.Removed } => "Former member",
                { CanManageUsers: true, CanManagePayment: true } => "Admin",
                { CanManageUsers: true } => "Manages users",
                { CanManagePayment: true } => "Manages payment",
                _ => "Member",
            }, StringComparer.OrdinalIgnoreCase);
        var products = rows.Any(r => r.Before is not null || r.After is not null)
            ? await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id.Value, p => p.Name, ct)
            : [];
        var entries = rows.Select(r => r with
        {
            Who = (r.ActorKind, r.ActorName) switch
            {
                ("system", "billing") => "Automatic billing",
                ("system", "payments") => "Automatic payments",
                _ => r.ActorName,
            },
            Role = r.ActorKind switch
            {
                "member" => roles.GetValueOrDefault(r.ActorName) ?? "Former member",
                "support" => "Vendor support",
                "operator" => "Operator (API)",
                "system" => "System",
                _ => "",
            },
            Changes = ActivityChanges.Describe(r.Action, r.Before, r.After, products),
        }).ToList();
        return new PagedResult<ActivityEntry>(entries, total, page.SafePage, page.SafePageSize);
    }
}
