using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Catalog;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Members;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Subscriptions;
using MyAccount.Domain.Usage;

namespace MyAccount.Domain.Persistence;

/// <summary>
/// The MyAccount database. One context per operation: services create it from the factory and dispose it. It also holds the
/// data-protection key ring (<see cref="DataProtectionKeys"/>), so every instance of a cluster shares the keys that protect
/// sign-in cookies, antiforgery tokens and invitation state.
/// </summary>
public sealed class MyAccountDbContext(DbContextOptions<MyAccountDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberProductAccess> MemberProductAccess => Set<MemberProductAccess>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<UsageType> UsageTypes => Set<UsageType>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<UsageEvent> UsageEvents => Set<UsageEvent>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<InvoiceRecipient> InvoiceRecipients => Set<InvoiceRecipient>();
    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();
    public DbSet<AccountBillingDetails> AccountBillingDetails => Set<AccountBillingDetails>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UsageDailyTotal> UsageDailyTotals => Set<UsageDailyTotal>();
    public DbSet<LateUsageMarker> LateUsageMarkers => Set<LateUsageMarker>();
    public DbSet<Billing.ClosedBillingPeriod> ClosedBillingPeriods => Set<Billing.ClosedBillingPeriod>();
    public DbSet<InvoiceNumberSequence> InvoiceNumberSequences => Set<InvoiceNumberSequence>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<CreditNoteNumberSequence> CreditNoteNumberSequences => Set<CreditNoteNumberSequence>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        StronglyTypedIds.Register(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MyAccountDbContext).Assembly);
}
