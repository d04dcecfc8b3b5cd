using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Members;

/// <summary>
/// Changing who is in an account and what they may do: invite, resend, revoke, edit access and permissions, remove.
/// Only members with the permission to manage users may do any of it; every change is audited and shown live.
/// The account always keeps at least one member who can manage users and one who can manage payment.
/// </summary>
public sealed class MemberManagement(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard, TimeProvider clock,
    InvitationMailer mailer, IAccountEventPublisher events)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Invitation emails (new and resent) an account may send per hour: a runaway script or a stolen session cannot spam.</summary>
    public const int InvitationsPerHour = 30;

    public async Task<IReadOnlyList<SubscribedProduct>> SubscribedProductsAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "products", ct);
        return await CurrentProductsAsync(db, accountId, ct);
    }

    public async Task<PermissionSummary> PermissionSummaryAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "members", ct);
        return await SummaryAsync(db, accountId, ct);
    }

    public async Task<MemberAccess> GetMemberAccessAsync(Actor actor, AccountId accountId, MemberId memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "members", ct);
        var member = await ActiveMemberAsync(db, accountId, memberId, ct);
        return ToAccess(member);
    }

    public async Task<IReadOnlyList<InvitationRow>> ListInvitationsAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "members", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.AccountId == accountId && i.Status == InvitationStatus.Pending)
            .OrderBy(i => i.Email)
            .ToListAsync(ct);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return invitations.Select(i => new InvitationRow(i.Id, i.Email, i.Phone,
                i.Products.Select(p => names.GetValueOrDefault(p, "?")).Order(StringComparer.OrdinalIgnoreCase).ToList(),
                i.Permissions, i.CreatedAt, i.ExpiresAt, i.ExpiresAt <= now, i.InvitedBy))
            .ToList();
    }

    public async Task<InvitationSent> InviteAsync(Actor actor, AccountId accountId, MemberAccessInput input, Uri acceptBase, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inviter = await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManageUsers, ct);
        EnsureMayGrant(inviter, MemberPermissions.None, input.Permissions);
        var grantable = await SubscribedIdsAsync(db, accountId, input.Products, ct);
        DomainValidationException.ThrowIfAny(MemberAccessRules.Check(input, grantable));
        var email = EmailAddress.Normalize(input.Email);
        var phone = PhoneNumber.NormalizeOptional(input.Phone);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Members.AnyAsync(m => m.AccountId == accountId && m.Email == email && m.Status == MemberStatus.Active, ct))
        {
            throw new DomainValidationException("email", $"{email} is already a member of this account.");
        }

        if (await db.Invitations.AnyAsync(i => i.AccountId == accountId && i.Email == email && i.Status == InvitationStatus.Pending && i.ExpiresAt > now, ct))
        {
            throw new DomainValidationException("email", $"{email} has already been invited. Resend or revoke the pending invitation instead.");
        }

        // An expired invitation for the same address is replaced by the new one.
        await db.Invitations.Where(i => i.AccountId == accountId && i.Email == email && i.Status == InvitationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Revoked), ct);

        await EnsureInvitationBudgetAsync(db, accountId, now, ct);
        var token = InvitationTokens.NewToken();
        var invitation = new Invitation(accountId, email, phone, input.Permissions, input.Products, InvitationTokens.Hash(token), now, now + InvitationLifetime, inviter.Email);
        db.Invitations.Add(invitation);
        AuditLog.Record(db, clock, actor, accountId, "invitation.create", email, after: Describe(invitation));
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new MembersChanged(accountId));

        var account = await AccountNameAsync(db, accountId, ct);
        var sent = await mailer.SendAsync(email, account, inviter.Email, token, acceptBase, invitation.ExpiresAt, ct);
        return new InvitationSent(invitation.Id, email, sent);
    }

    /// <summary>A new token and a new expiry; the old link stops working.</summary>
    public async Task<InvitationSent> ResendAsync(Actor actor, AccountId accountId, InvitationId invitationId, Uri acceptBase, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inviter = await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManageUsers, ct);
        var invitation = await PendingInvitationAsync(db, accountId, invitationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await EnsureInvitationBudgetAsync(db, accountId, now, ct);
        var before = new { invitation.ExpiresAt };
        var token = InvitationTokens.NewToken();
        invitation.Renew(InvitationTokens.Hash(token), now + InvitationLifetime);
        AuditLog.Record(db, clock, actor, accountId, "invitation.resend", invitation.Email, before, new { invitation.ExpiresAt });
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new MembersChanged(accountId));

        var sent = await mailer.SendAsync(invitation.Email, await AccountNameAsync(db, accountId, ct), inviter.Email, token, acceptBase, invitation.ExpiresAt, ct);
        return new InvitationSent(invitation.Id, invitation.Email, sent);
    }

    public async Task RevokeAsync(Actor actor, AccountId accountId, InvitationId invitationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManageUsers, ct);
        var invitation = await PendingInvitationAsync(db, accountId, invitationId, ct);
        invitation.Revoke();
        AuditLog.Record(db, clock, actor, accountId, "invitation.revoke", invitation.Email, Describe(invitation));
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new MembersChanged(accountId));
    }

    /// <summary>
    /// Changes a member's products and permissions. <paramref name="expectedVersion"/> is the version the editor saw:
    /// if someone saved in between, the change is refused as a conflict and nothing is written.
    /// </summary>
    public async Task<MemberAccess> UpdateMemberAccessAsync(Actor actor, AccountId accountId, MemberId memberId, IReadOnlyCollection<ProductId> products,
        MemberPermissions permissions, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editor = await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManageUsers, ct);
        var member = await db.Members.Include(m => m.ProductAccess).SingleOrDefaultAsync(m => m.Id == memberId && m.AccountId == accountId && m.Status == MemberStatus.Active, ct)
                     ?? throw new NotFoundException("There is no such member in this account.");
        if (member.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException($"{member.Email} was changed by someone else meanwhile. The current values are shown; make your change again.");
        }

        if (member.Id == editor.Id && permissions != member.Permissions)
        {
            throw new AccessDeniedException("You cannot change your own permissions. Ask another member who can manage users.");
        }

        EnsureMayGrant(editor, member.Permissions, permissions);

        // Products the account no longer subscribes to may stay on a member, but none can be newly granted.
        var kept = member.ProductAccess.Select(p => p.ProductId).ToHashSet();
        var added = products.Where(p => !kept.Contains(p)).ToList();
        var errors = new Dictionary<string, string>();
        if (MemberAccessRules.ProductsProblem(added, await SubscribedIdsAsync(db, accountId, added, ct)) is { } productsProblem)
        {
            errors["products"] = productsProblem;
        }

        // Every problem at once: the editor sees the products and both permissions that need a change together.
        foreach (var (field, message) in await ManagerProblemsAsync(db, accountId, memberId, permissions, ct))
        {
            errors[field] = message;
        }

        DomainValidationException.ThrowIfAny(errors);
        var before = ToAccess(member);

        member.ChangePermissions(permissions);
        member.SetProducts(products);
        db.Entry(member).Property(m => m.Version).OriginalValue = expectedVersion;
        AuditLog.Record(db, clock, actor, accountId, "member.update", member.Email, Describe(before), Describe(ToAccess(member)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"{member.Email} was changed by someone else meanwhile. The current values are shown; make your change again.");
        }

        await events.PublishAsync(new MembersChanged(accountId));
        return ToAccess(member);
    }

    /// <summary>Removes a member: they lose access at once. Nobody removes themselves, and the last manager of users or payment stays.</summary>
    public async Task RemoveMemberAsync(Actor actor, AccountId accountId, MemberId memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var remover = await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManageUsers, ct);
        if (remover.Id == memberId)
        {
            throw new DomainValidationException("member", "You cannot remove yourself. Ask another member who can manage users.");
        }

        var member = await db.Members.Include(m => m.ProductAccess).SingleOrDefaultAsync(m => m.Id == memberId && m.AccountId == accountId && m.Status == MemberStatus.Active, ct)
                     ?? throw new NotFoundException("There is no such member in this account.");
        DomainValidationException.ThrowIfAny(await ManagerProblemsAsync(db, accountId, memberId, MemberPermissions.None, ct));
        var before = Describe(ToAccess(member));
        member.Remove(clock.GetUtcNow().UtcDateTime);
        AuditLog.Record(db, clock, actor, accountId, "member.remove", member.Email, before);
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new MembersChanged(accountId));
    }

    /// <summary>Counted from the audit log, so the limit holds across restarts and server instances.</summary>
    /// <summary>Nobody grants a permission they do not hold themselves (taking one away is allowed, within the last-manager rule).</summary>
    private static void EnsureMayGrant(Member granter, MemberPermissions before, MemberPermissions after)
    {
        if (after.CanManageUsers && !before.CanManageUsers && !granter.Permissions.CanManageUsers)
        {
            throw new AccessDeniedException("You cannot grant \"manage users\": you do not have that permission yourself.");
        }

        if (after.CanManagePayment && !before.CanManagePayment && !granter.Permissions.CanManagePayment)
        {
            throw new AccessDeniedException("You cannot grant \"edit payment\": you do not have that permission yourself. Ask a member who can edit payment.");
        }
    }

    private static async Task EnsureInvitationBudgetAsync(MyAccountDbContext db, AccountId accountId, DateTime now, CancellationToken ct)
    {
        var since = now.AddHours(-1);
        var sent = await db.AuditEntries.CountAsync(a => a.AccountId == accountId && (a.Action == "invitation.create" || a.Action == "invitation.resend") && a.At > since, ct);
        if (sent >= InvitationsPerHour)
        {
            throw new DomainValidationException("email", $"This account sent {InvitationsPerHour} invitations in the last hour. Try again later.");
        }
    }

    /// <summary>The permissions the account would be left without if <paramref name="changing"/> held only <paramref name="after"/>.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ManagerProblemsAsync(MyAccountDbContext db, AccountId accountId, MemberId changing,
        MemberPermissions after, CancellationToken ct)
    {
        var problems = new Dictionary<string, string>();
        var others = db.Members.Where(m => m.AccountId == accountId && m.Status == MemberStatus.Active && m.Id != changing);
        if (!after.CanManageUsers && !await others.AnyAsync(m => m.CanManageUsers, ct))
        {
            problems["canManageUsers"] = "The account needs at least one member who can manage users. Give that permission to someone else first.";
        }

        if (!after.CanManagePayment && !await others.AnyAsync(m => m.CanManagePayment, ct))
        {
            problems["canManagePayment"] = "The account needs at least one member who can edit payment information. Give that permission to someone else first.";
        }

        return problems;
    }

    /// <summary>The products the account subscribes to now; not looked up when <paramref name="requested"/> is empty (nothing to check).</summary>
    private async Task<IReadOnlyCollection<ProductId>> SubscribedIdsAsync(MyAccountDbContext db, AccountId accountId, IReadOnlyCollection<ProductId> requested,
        CancellationToken ct) =>
        requested.Count == 0 ? [] : (await CurrentProductsAsync(db, accountId, ct)).Select(p => p.Id).ToHashSet();

    private async Task<IReadOnlyList<SubscribedProduct>> CurrentProductsAsync(MyAccountDbContext db, AccountId accountId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => s.AccountId == accountId && (s.EndsOn == null || s.EndsOn > today))
            .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new { p.Id, p.Code, p.Name })
            .Distinct()
            .ToListAsync(ct);
        return rows.Select(p => new SubscribedProduct(p.Id, p.Code, p.Name)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static async Task<PermissionSummary> SummaryAsync(MyAccountDbContext db, AccountId accountId, CancellationToken ct)
    {
        var active = db.Members.Where(m => m.AccountId == accountId && m.Status == MemberStatus.Active);
        return new PermissionSummary(await active.CountAsync(ct), await active.CountAsync(m => m.CanManageUsers, ct), await active.CountAsync(m => m.CanManagePayment, ct));
    }

    private static async Task<Member> ActiveMemberAsync(MyAccountDbContext db, AccountId accountId, MemberId memberId, CancellationToken ct) =>
        await db.Members.AsNoTracking().Include(m => m.ProductAccess)
            .SingleOrDefaultAsync(m => m.Id == memberId && m.AccountId == accountId && m.Status == MemberStatus.Active, ct)
        ?? throw new NotFoundException("There is no such member in this account.");

    private static async Task<Invitation> PendingInvitationAsync(MyAccountDbContext db, AccountId accountId, InvitationId invitationId, CancellationToken ct) =>
        await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.AccountId == accountId && i.Status == InvitationStatus.Pending, ct)
        ?? throw new NotFoundException("There is no such pending invitation in this account.");

    private static Task<string> AccountNameAsync(MyAccountDbContext db, AccountId accountId, CancellationToken ct) =>
        db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);

    private static MemberAccess ToAccess(Member member) =>
        new(member.Id, member.Email, member.ProductAccess.Select(p => p.ProductId).ToList(), member.Permissions, member.Version);

    private static object Describe(MemberAccess access) => new
    {
        access.Email,
        Products = access.Products.Select(p => p.Value),
        access.Permissions.CanManageUsers,
        access.Permissions.CanManagePayment,
    };

    private static object Describe(Invitation invitation) => new
    {
        invitation.Email,
        invitation.Phone,
        Products = invitation.Products.Select(p => p.Value),
        invitation.CanManageUsers,
        invitation.CanManagePayment,
        invitation.ExpiresAt,
    };
}
