using System.Globalization;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;

namespace MyAccount.Web.Api;

/// <summary>The API contract's text forms: decimal strings for prices, kebab-case kinds and statuses.</summary>
public static class ApiFormats
{
    /// <summary>Parses a price given as a decimal string in major units ("200.00", "0.001"); no exponents or separators.</summary>
    public static decimal Price(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new DomainValidationException(field, $"{field} must be a decimal string in major units, e.g. \"200.00\" or \"0.001\".");
        }

        return value < 0 ? throw new DomainValidationException(field, $"{field} cannot be negative.") : value;
    }

    public static string Kind(InvoiceLineKind kind) => kind switch
    {
        InvoiceLineKind.SubscriptionFee => "subscription-fee",
        InvoiceLineKind.Overage => "overage",
        InvoiceLineKind.ProrationCharge => "proration-fee",
        InvoiceLineKind.ProrationCredit => "proration-credit",
        InvoiceLineKind.LateUsageAdjustment => "late-usage",
        InvoiceLineKind.CreditApplied => "credit-applied",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Status(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Open => "open",
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.PaymentFailed => "payment-failed",
        InvoiceStatus.PastDue => "past-due",
        InvoiceStatus.Credit => "credit",
        InvoiceStatus.NothingToPay => "nothing-to-pay",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

/// <summary>Reads an id given as a JSON string or as a JSON integer ("lineId": "42" or 42) into its text.</summary>
public sealed class StringOrNumberConverter : System.Text.Json.Serialization.JsonConverter<string>
{
    public override string? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => reader.TokenType switch
    {
        System.Text.Json.JsonTokenType.String => reader.GetString(),
        System.Text.Json.JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        System.Text.Json.JsonTokenType.Null => null,
        _ => throw new System.Text.Json.JsonException("Expected a string or a number."),
    };

    public override void Write(System.Text.Json.Utf8JsonWriter writer, string value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value);
}
