using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Catalog;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Members;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Subscriptions;
using MyAccount.Domain.Usage;

namespace MyAccount.Domain.Persistence;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.CurrencyCode).HasMaxLength(3);
        b.Property(a => a.TimeZone).HasMaxLength(64);
        b.HasIndex(a => a.Name);
        b.Property(a => a.PaymentCustomerReference).HasMaxLength(100);
        b.Ignore(a => a.Currency);
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.HasKey(m => m.Id);
        b.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.Property(m => m.Email).HasMaxLength(254);
        b.Property(m => m.Phone).HasMaxLength(20);
        b.Property(m => m.IdentityTenantId).HasMaxLength(64);
        b.Property(m => m.IdentityObjectId).HasMaxLength(64);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.AccountId, m.Status, m.Email });
        // One active membership per email per account; removed memberships stay as history.
        b.HasIndex(m => new { m.AccountId, m.Email }).IsUnique().HasFilter("\"Status\" = 0");
        b.HasIndex(m => new { m.IdentityTenantId, m.IdentityObjectId });
        b.HasMany(m => m.ProductAccess).WithOne().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.ProductAccess).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(m => m.Permissions);
        b.Ignore(m => m.IsActive);
        b.Ignore(m => m.IsBound);
    }
}

internal sealed class MemberProductAccessConfiguration : IEntityTypeConfiguration<MemberProductAccess>
{
    public void Configure(EntityTypeBuilder<MemberProductAccess> b)
    {
        b.HasKey(p => new { p.MemberId, p.ProductId });
        b.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.HasKey(i => i.Id);
        b.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.Property(i => i.Email).HasMaxLength(254);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => new { i.AccountId, i.Status });
        b.Ignore(i => i.Products);
        b.Ignore(i => i.Permissions);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(50);
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Name).HasMaxLength(200);
        b.HasMany(p => p.UsageTypes).WithOne().HasForeignKey(t => t.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.UsageTypes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class UsageTypeConfiguration : IEntityTypeConfiguration<UsageType>
{
    public void Configure(EntityTypeBuilder<UsageType> b)
    {
        b.HasKey(t => new { t.ProductId, t.Code });
        b.Property(t => t.Code).HasMaxLength(50);
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.HasKey(s => s.Id);
        b.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.AccountId, s.ProductId, s.StartsOn });
        b.OwnsOne(s => s.Plan, plan =>
        {
            plan.Property(p => p.MonthlyFeeMinor).HasColumnName("MonthlyFeeMinor");
            plan.Property(p => p.IncludedVolume).HasColumnName("IncludedVolume");
            plan.Property(p => p.Overage).HasColumnName("Overage")
                .HasConversion(o => o.ToJson(), json => OveragePricing.FromJson(json));
        });
        b.Navigation(s => s.Plan).IsRequired();
    }
}

internal sealed class UsageEventConfiguration : IEntityTypeConfiguration<UsageEvent>
{
    public void Configure(EntityTypeBuilder<UsageEvent> b)
    {
        b.HasKey(u => u.Id);
        b.Property(u => u.ExternalId).HasMaxLength(100);
        b.Property(u => u.UsageTypeCode).HasMaxLength(50);
        // Raw events are kept for idempotency and audit; reads go to the daily rollups, so the only index is the
        // idempotency key (every extra index slows ingestion). No foreign keys either: ingestion checks each event's account
        // and product in the batch's own transaction (accounts and products are never deleted), and a per-row foreign-key
        // check would cost PostgreSQL two index probes and two row locks per event.
        b.HasIndex(u => new { u.AccountId, u.ExternalId }).IsUnique();
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.HasKey(i => i.Id);
        b.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.Property(i => i.Number).HasMaxLength(20);
        b.Property(i => i.CurrencyCode).HasMaxLength(3);
        b.HasIndex(i => i.Number).IsUnique();
        b.HasIndex(i => i.SequenceNumber).IsUnique();
        // Exactly one invoice per account and month, however often a run is repeated.
        b.HasIndex(i => new { i.AccountId, i.Year, i.Month }).IsUnique();
        b.HasIndex(i => i.NextChargeAt);
        b.Property(i => i.LastPaymentError).HasMaxLength(300);
        b.Property(i => i.PaidWith).HasMaxLength(60);
        b.Property(i => i.PaymentReference).HasMaxLength(200);
        b.Ignore(i => i.AwaitsPayment);
        b.Ignore(i => i.AwaitsGateway);
        b.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(i => i.Period);
        b.Ignore(i => i.Total);
        b.Ignore(i => i.AmountDue);
        b.Ignore(i => i.NetMinor);
        b.Ignore(i => i.GrossMinor);
        b.Ignore(i => i.CreditAppliedMinor);
        b.Ignore(i => i.Buyer);
        b.Property(i => i.VatCategory).HasMaxLength(2);
        b.Property(i => i.VatRate).HasPrecision(5, 2);
        b.Property(i => i.BuyerLegalName).HasMaxLength(BillingDetailsRules.MaxNameLength);
        b.Property(i => i.BuyerAddressLine1).HasMaxLength(BillingDetailsRules.MaxAddressLineLength);
        b.Property(i => i.BuyerAddressLine2).HasMaxLength(BillingDetailsRules.MaxAddressLineLength);
        b.Property(i => i.BuyerPostalCode).HasMaxLength(BillingDetailsRules.MaxPostalCodeLength);
        b.Property(i => i.BuyerCity).HasMaxLength(BillingDetailsRules.MaxCityLength);
        b.Property(i => i.BuyerCountryCode).HasMaxLength(2);
        b.Property(i => i.BuyerVatId).HasMaxLength(30);
        b.Property(i => i.BuyerReference).HasMaxLength(BillingDetailsRules.MaxBuyerReferenceLength);
        b.Property(i => i.SellerVatId).HasMaxLength(30);
        b.Property(i => i.SellerCountryCode).HasMaxLength(2);
    }
}

internal sealed class AccountBillingDetailsConfiguration : IEntityTypeConfiguration<AccountBillingDetails>
{
    public void Configure(EntityTypeBuilder<AccountBillingDetails> b)
    {
        b.HasKey(d => d.AccountId);
        b.HasOne<Account>().WithOne().HasForeignKey<AccountBillingDetails>(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.LegalName).HasMaxLength(BillingDetailsRules.MaxNameLength);
        b.Property(d => d.AddressLine1).HasMaxLength(BillingDetailsRules.MaxAddressLineLength);
        b.Property(d => d.AddressLine2).HasMaxLength(BillingDetailsRules.MaxAddressLineLength);
        b.Property(d => d.PostalCode).HasMaxLength(BillingDetailsRules.MaxPostalCodeLength);
        b.Property(d => d.City).HasMaxLength(BillingDetailsRules.MaxCityLength);
        b.Property(d => d.CountryCode).HasMaxLength(2);
        b.Property(d => d.VatId).HasMaxLength(30);
        b.Property(d => d.BuyerReference).HasMaxLength(BillingDetailsRules.MaxBuyerReferenceLength);
        b.Property(d => d.UpdatedBy).HasMaxLength(320);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.HasKey(l => l.Id);
        b.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.Property(l => l.Description).HasMaxLength(500);
        b.Property(l => l.UnitPrice).HasMaxLength(40);
        b.Property(l => l.CreditSource).HasMaxLength(20);
        b.HasOne<Subscription>().WithMany().HasForeignKey(l => l.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.SubscriptionId, l.ServiceYear, l.ServiceMonth });
        b.Ignore(l => l.ServicePeriod);
    }
}

internal sealed class InvoiceNumberSequenceConfiguration : IEntityTypeConfiguration<InvoiceNumberSequence>
{
    public void Configure(EntityTypeBuilder<InvoiceNumberSequence> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new { Id = InvoiceNumberSequence.SingletonId, LastNumber = 0L });
    }
}

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> b)
    {
        b.HasKey(c => c.Id);
        b.HasOne<Invoice>().WithMany().HasForeignKey(c => c.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Number).HasMaxLength(20);
        b.Property(c => c.InvoiceNumber).HasMaxLength(20);
        b.Property(c => c.CurrencyCode).HasMaxLength(3);
        b.Property(c => c.Reason).HasMaxLength(CreditNoteRules.MaxReasonLength);
        b.Property(c => c.IssuedBy).HasMaxLength(200);
        b.Property(c => c.RefundReference).HasMaxLength(200);
        b.Property(c => c.RefundError).HasMaxLength(300);
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => c.SequenceNumber).IsUnique();
        b.HasIndex(c => c.InvoiceId);
        b.HasIndex(c => new { c.AccountId, c.Settlement });
        b.HasIndex(c => c.NextRefundAt);
        b.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CreditNoteId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(c => c.Amount);
    }
}

internal sealed class CreditNoteLineConfiguration : IEntityTypeConfiguration<CreditNoteLine>
{
    public void Configure(EntityTypeBuilder<CreditNoteLine> b)
    {
        b.HasKey(l => l.Id);
        b.HasOne<InvoiceLine>().WithMany().HasForeignKey(l => l.InvoiceLineId).OnDelete(DeleteBehavior.Restrict);
        b.Property(l => l.Description).HasMaxLength(500);
    }
}

internal sealed class CreditNoteNumberSequenceConfiguration : IEntityTypeConfiguration<CreditNoteNumberSequence>
{
    public void Configure(EntityTypeBuilder<CreditNoteNumberSequence> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new { Id = CreditNoteNumberSequence.SingletonId, LastNumber = 0L });
    }
}

internal sealed class UsageDailyTotalConfiguration : IEntityTypeConfiguration<UsageDailyTotal>
{
    public void Configure(EntityTypeBuilder<UsageDailyTotal> b)
    {
        b.ToTable("UsageDailyTotals");
        b.HasKey(u => new { u.AccountId, u.ProductId, u.Day, u.UsageTypeCode });
        b.Property(u => u.UsageTypeCode).HasMaxLength(50);
        b.HasIndex(u => u.Day);
    }
}

internal sealed class LateUsageMarkerConfiguration : IEntityTypeConfiguration<LateUsageMarker>
{
    public void Configure(EntityTypeBuilder<LateUsageMarker> b)
    {
        b.HasKey(m => new { m.AccountId, m.ProductId, m.Year, m.Month });
    }
}

internal sealed class ClosedBillingPeriodConfiguration : IEntityTypeConfiguration<Billing.ClosedBillingPeriod>
{
    public void Configure(EntityTypeBuilder<Billing.ClosedBillingPeriod> b)
    {
        b.HasKey(p => new { p.Year, p.Month });
    }
}

internal sealed class InvoiceRecipientConfiguration : IEntityTypeConfiguration<InvoiceRecipient>
{
    public void Configure(EntityTypeBuilder<InvoiceRecipient> b)
    {
        b.HasKey(r => r.Id);
        b.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Email).HasMaxLength(254);
        b.HasIndex(r => new { r.AccountId, r.Email }).IsUnique();
    }
}

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> b)
    {
        b.HasKey(p => p.AccountId);
        b.HasOne<Account>().WithOne().HasForeignKey<PaymentMethod>(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Brand).HasMaxLength(30);
        b.Property(p => p.Last4).HasMaxLength(4);
        b.Property(p => p.GatewayReference).HasMaxLength(100);
        b.OwnsOne(p => p.BillingAddress, a =>
        {
            a.Property(x => x.Line1).HasMaxLength(200);
            a.Property(x => x.Line2).HasMaxLength(200);
            a.Property(x => x.City).HasMaxLength(100);
            a.Property(x => x.Region).HasMaxLength(100);
            a.Property(x => x.PostalCode).HasMaxLength(20);
            a.Property(x => x.Country).HasMaxLength(2);
        });
        b.Navigation(p => p.BillingAddress).IsRequired();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.ActorKind).HasMaxLength(20);
        b.Property(a => a.ActorName).HasMaxLength(254);
        b.Property(a => a.Action).HasMaxLength(50);
        b.Property(a => a.Target).HasMaxLength(300);
        b.HasIndex(a => new { a.AccountId, a.At });
    }
}

internal sealed class InvoiceEmailDeliveryConfiguration : IEntityTypeConfiguration<InvoiceEmailDelivery>
{
    public void Configure(EntityTypeBuilder<InvoiceEmailDelivery> b)
    {
        b.HasKey(d => d.Id);
        b.HasOne<Invoice>().WithMany().HasForeignKey(d => d.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(d => d.LastError).HasMaxLength(500);
        b.HasIndex(d => d.NextAttemptAt);
    }
}

internal sealed class GatewayEventConfiguration : IEntityTypeConfiguration<GatewayEvent>
{
    public void Configure(EntityTypeBuilder<GatewayEvent> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(100);
        b.Property(e => e.Type).HasMaxLength(100);
    }
}

internal sealed class UsageAlertSettingConfiguration : IEntityTypeConfiguration<MyAccount.Domain.Insights.UsageAlertSetting>
{
    public void Configure(EntityTypeBuilder<MyAccount.Domain.Insights.UsageAlertSetting> b)
    {
        b.HasKey(s => new { s.AccountId, s.ProductId });
        b.Property(s => s.Thresholds).HasMaxLength(50);
        b.Ignore(s => s.Values);
    }
}

internal sealed class UsageAlertSentConfiguration : IEntityTypeConfiguration<MyAccount.Domain.Insights.UsageAlertSent>
{
    public void Configure(EntityTypeBuilder<MyAccount.Domain.Insights.UsageAlertSent> b) =>
        b.HasKey(s => new { s.AccountId, s.ProductId, s.Year, s.Month, s.Threshold });
}
