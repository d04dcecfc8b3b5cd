using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Payments;

/// <summary>
/// The Billing / Payment tab: the card on file and the invoice recipients. Only members who may edit payment information
/// change them — never a support agent or operator: the vendor cannot update payment information on a customer's behalf.
/// The stored card and recipients stay as they were until a change fully succeeds.
/// </summary>
public sealed class PaymentService(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard, IPaymentGateway gateway, TimeProvider clock,
    PaymentOptions options, IEmailSender email, IAccountEventPublisher events, ILogger<PaymentService> logger, InvoiceCharging charging)
{
    /// <summary>The field of a <see cref="DomainValidationException"/> for a card whose address checks failed: the address as a whole.</summary>
    public const string AddressCheckField = "address";

    /// <summary>
    /// Pay now, for members who may edit payment: charges every unpaid invoice to the card on file at once and says how it went.
    /// Without a card nothing is charged (the summary asks for one).
    /// </summary>
    public async Task<PayNowResult> PayNowAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManagePayment, ct);
            if (!await db.PaymentMethods.AnyAsync(p => p.AccountId == accountId, ct))
            {
                throw new DomainValidationException("card", "There is no card on file: add one to pay.");
            }
        }

        await charging.ChargeAccountNowAsync(accountId, ct);
        await using var after = await dbFactory.CreateDbContextAsync(ct);
        var unpaid = await after.Invoices.AsNoTracking()
            .Where(i => i.AccountId == accountId && Invoices.Invoice.AwaitingPayment.Contains(i.Status))
            .Select(i => i.TotalMinor - i.CreditedDueMinor).ToListAsync(ct);
        await events.PublishAsync(new Notifications.PaymentMethodChanged(accountId));
        return new PayNowResult(unpaid.Count, unpaid.Sum());
    }

    public async Task<BillingOverview> GetOverviewAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "billing and payment", ct);
        var card = await db.PaymentMethods.AsNoTracking().SingleOrDefaultAsync(p => p.AccountId == accountId, ct);
        var recipients = await db.InvoiceRecipients.AsNoTracking().Where(r => r.AccountId == accountId).OrderBy(r => r.Email).Select(r => r.Email).ToListAsync(ct);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.AccountId == accountId)
            .OrderByDescending(i => i.Year).ThenByDescending(i => i.Month).Take(6)
            .Select(i => new { i.Number, i.Year, i.Month, i.Status, i.TotalMinor, i.CurrencyCode, i.LastPaymentError, i.NextChargeAt })
            .ToListAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.TimeZone, a.CurrencyCode }).SingleAsync(ct);
        var unpaid = await db.Invoices.AsNoTracking()
            .Where(i => i.AccountId == accountId && Invoices.Invoice.AwaitingPayment.Contains(i.Status))
            .OrderBy(i => i.SequenceNumber)
            .Select(i => new { i.Number, i.Year, i.Month, i.Status, DueMinor = i.TotalMinor - i.CreditedDueMinor, i.CurrencyCode, i.LastPaymentError, i.NextChargeAt, i.FailedCharges })
            .ToListAsync(ct);
        var credits = (await new Billing.BillingDataReader(db).CreditsAsync([accountId], ct)).GetValueOrDefault(accountId) ?? [];
        var details = await db.AccountBillingDetails.AsNoTracking().SingleOrDefaultAsync(d => d.AccountId == accountId, ct);
        return new BillingOverview(
            card is null ? null : new PaymentMethodView(card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear, card.BillingAddress, card.UpdatedAt, card.UpdatedBy),
            recipients,
            invoices.Select(i => new InvoicePaymentStatus(i.Number, new(i.Year, i.Month), i.Status, new Money(i.TotalMinor, i.CurrencyCode), i.LastPaymentError, i.NextChargeAt)).ToList(),
            BillingCountries.Suggest(card?.BillingAddress, account.TimeZone, account.CurrencyCode))
        {
            Unpaid = unpaid.Select(i => new InvoicePaymentStatus(i.Number, new(i.Year, i.Month), i.Status, new Money(i.DueMinor, i.CurrencyCode), i.LastPaymentError, i.NextChargeAt)).ToList(),
            AmountDue = new Money(unpaid.Sum(i => i.DueMinor), account.CurrencyCode),
            LastFailure = unpaid.Where(i => i.FailedCharges > 0 && i.LastPaymentError is not null).OrderBy(i => i.NextChargeAt ?? DateTime.MaxValue).Select(i => i.LastPaymentError).LastOrDefault(),
            CreditBalance = new Money(credits.Sum(c => c.RemainingMinor), account.CurrencyCode),
            BillingDetails = details is null ? null : new BillingDetailsView(details.ToInput(), details.UpdatedAt, details.UpdatedBy),
        };
    }

    /// <summary>
    /// Adds a card through the gateway and keeps it only when its address checks pass; a refused card is detached again and
    /// the old card stays. On success the new card becomes the default, the old one is detached, the members who may edit
    /// payment are told, and unpaid invoices are charged again.
    /// </summary>
    public async Task<PaymentMethodView> UpdateCardAsync(Actor actor, AccountId accountId, CardInput card, BillingAddress address, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManagePayment, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (card is SandboxCardInput typed)
        {
            PaymentInputRules.ValidateCard(typed, now);
        }

        var billingAddress = PaymentInputRules.NormalizeAddress(address);
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, ct);
        var customer = await gateway.EnsureCustomerAsync(accountId, account.Name, account.PaymentCustomerReference, ct);
        if (account.PaymentCustomerReference != customer)
        {
            account.LinkPaymentCustomer(customer);
            await db.SaveChangesAsync(ct);
        }

        GatewayCard attached;
        try
        {
            attached = await gateway.AttachCardAsync(customer, card, billingAddress, ct);
        }
        catch (CardRefusedException ex)
        {
            throw new DomainValidationException("cardNumber", ex.Message);
        }

        if (!Acceptable(attached.Checks.Line1) || !Acceptable(attached.Checks.PostalCode))
        {
            await gateway.DetachCardAsync(attached.Reference, ct);
            // About the address as a whole (the form shows it once, above the address), naming what the bank disagrees with.
            var mismatch = (Acceptable(attached.Checks.Line1), Acceptable(attached.Checks.PostalCode)) switch
            {
                (false, false) => "street address and postal code",
                (false, true) => "street address",
                _ => "postal code",
            };
            throw new DomainValidationException(AddressCheckField,
                $"The billing address does not match the card: your bank has a different {mismatch} for this card. Check the address and try again; your current card on file was kept.");
        }

        await gateway.MakeDefaultAsync(customer, attached.Reference, ct);
        var old = await db.PaymentMethods.SingleOrDefaultAsync(p => p.AccountId == accountId, ct);
        var before = old is null ? null : new { old.Brand, old.Last4, old.ExpiryMonth, old.ExpiryYear };
        if (old is not null)
        {
            db.PaymentMethods.Remove(old);
        }

        var saved = new PaymentMethod(accountId, attached.Brand, attached.Last4, attached.ExpiryMonth, attached.ExpiryYear, billingAddress, attached.Reference, now, member.Email);
        db.PaymentMethods.Add(saved);
        AuditLog.Record(db, clock, actor, accountId, "payment.card", $"{saved.Brand} •••• {saved.Last4}", before,
            new { saved.Brand, saved.Last4, saved.ExpiryMonth, saved.ExpiryYear, saved.BillingAddress.Country, saved.BillingAddress.PostalCode });

        // Unpaid invoices are tried again with the new card.
        foreach (var invoice in await db.Invoices.Where(i => i.AccountId == accountId && i.Status != Invoices.InvoiceStatus.Paid).ToListAsync(ct))
        {
            invoice.ChargeAgain(now);
        }

        await db.SaveChangesAsync(ct);
        if (old is not null && old.GatewayReference != saved.GatewayReference)
        {
            await DetachQuietlyAsync(old.GatewayReference, ct);
        }

        await TellPaymentManagersAsync(db, accountId, account.Name, member.Email, saved, ct);
        await events.PublishAsync(new PaymentMethodChanged(accountId));
        return new PaymentMethodView(saved.Brand, saved.Last4, saved.ExpiryMonth, saved.ExpiryYear, saved.BillingAddress, saved.UpdatedAt, saved.UpdatedBy);
    }

    /// <summary>
    /// For gateways whose card form runs in the browser (Stripe): creates the account's customer if needed and starts a card
    /// setup; returns the client secret the form confirms. Only members who may edit payment information.
    /// </summary>
    public async Task<string> BeginCardSetupAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManagePayment, ct);
        if (gateway is not ICardSetupGateway setup)
        {
            throw new InvalidOperationException("This payment gateway takes card details directly.");
        }

        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, ct);
        var customer = await gateway.EnsureCustomerAsync(accountId, account.Name, account.PaymentCustomerReference, ct);
        if (account.PaymentCustomerReference != customer)
        {
            account.LinkPaymentCustomer(customer);
            await db.SaveChangesAsync(ct);
        }

        return await setup.BeginCardSetupAsync(customer, ct);
    }

    /// <summary>Replaces the monthly invoice recipients: valid addresses, de-duplicated, at least one.</summary>
    public async Task<IReadOnlyList<string>> UpdateRecipientsAsync(Actor actor, AccountId accountId, IReadOnlyList<string> emails, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManagePayment, ct);
        var normalized = PaymentInputRules.NormalizeRecipients(emails);

        var current = await db.InvoiceRecipients.Where(r => r.AccountId == accountId).ToListAsync(ct);
        var before = current.Select(r => r.Email).Order().ToList();
        if (before.SequenceEqual(normalized))
        {
            return normalized;
        }

        db.InvoiceRecipients.RemoveRange(current.Where(r => !normalized.Contains(r.Email)));
        db.InvoiceRecipients.AddRange(normalized.Where(e => !before.Contains(e)).Select(e => new InvoiceRecipient(accountId, e)));
        AuditLog.Record(db, clock, actor, accountId, "payment.recipients", "invoice recipients", before, normalized);
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new PaymentMethodChanged(accountId));
        return normalized;
    }

    private bool Acceptable(string check) => check == "pass" || (options.AcceptUnavailableAddressChecks && check == "unavailable");

    private async Task DetachQuietlyAsync(string reference, CancellationToken ct)
    {
        try
        {
            await gateway.DetachCardAsync(reference, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The new card is saved; a card left attached at the gateway is harmless and can be removed there.
            logger.LogWarning(ex, "Detaching the previous card {Reference} failed.", reference);
        }
    }

    private async Task TellPaymentManagersAsync(MyAccountDbContext db, AccountId accountId, string accountName, string changedBy, PaymentMethod card, CancellationToken ct)
    {
        var to = await db.Members.AsNoTracking().Where(m => m.AccountId == accountId && m.Status == MemberStatus.Active && m.CanManagePayment)
            .Select(m => m.Email).OrderBy(e => e).ToListAsync(ct);
        if (to.Count == 0)
        {
            return;
        }

        try
        {
            await email.SendAsync(new EmailMessage(to, $"The card on file for {accountName} was changed",
                $"""
                Hello,

                The card on file for {accountName} was changed by {changedBy} on {card.UpdatedAt:MMMM d, yyyy HH:mm} UTC.
                New card: {card.Brand} ending in {card.Last4}, expiring {card.ExpiryMonth:D2}/{card.ExpiryYear}.

                If you did not expect this change, sign in to the SSO Portal and check My Account > Billing / Payment.
                """), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Telling the payment managers of {Account} about the card change failed.", accountName);
        }
    }
}
