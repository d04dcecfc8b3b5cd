using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MyAccount.Domain.Common;

namespace MyAccount.Domain.Persistence;

/// <summary>
/// All times are stored as UTC, to the microsecond (PostgreSQL's precision, kept on SQLite too so both providers store the same
/// instant), and come back marked as UTC.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => StoredTime.Of(v),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>The instant as the database keeps it: UTC, truncated to whole microseconds.</summary>
public static class StoredTime
{
    public static DateTime Of(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }
}

internal static class StronglyTypedIds
{
    public static void Register(ModelConfigurationBuilder builder)
    {
        builder.Properties<AccountId>().HaveConversion<AccountIdConverter>();
        builder.Properties<MemberId>().HaveConversion<MemberIdConverter>();
        builder.Properties<ProductId>().HaveConversion<ProductIdConverter>();
        builder.Properties<SubscriptionId>().HaveConversion<SubscriptionIdConverter>();
        builder.Properties<InvoiceId>().HaveConversion<InvoiceIdConverter>();
        builder.Properties<InvitationId>().HaveConversion<InvitationIdConverter>();
        builder.Properties<CreditNoteId>().HaveConversion<CreditNoteIdConverter>();
    }

    private sealed class AccountIdConverter() : ValueConverter<AccountId, Guid>(v => v.Value, v => new AccountId(v));
    private sealed class MemberIdConverter() : ValueConverter<MemberId, Guid>(v => v.Value, v => new MemberId(v));
    private sealed class ProductIdConverter() : ValueConverter<ProductId, Guid>(v => v.Value, v => new ProductId(v));
    private sealed class SubscriptionIdConverter() : ValueConverter<SubscriptionId, Guid>(v => v.Value, v => new SubscriptionId(v));
    private sealed class InvoiceIdConverter() : ValueConverter<InvoiceId, Guid>(v => v.Value, v => new InvoiceId(v));
    private sealed class InvitationIdConverter() : ValueConverter<InvitationId, Guid>(v => v.Value, v => new InvitationId(v));
    private sealed class CreditNoteIdConverter() : ValueConverter<CreditNoteId, Guid>(v => v.Value, v => new CreditNoteId(v));
}
