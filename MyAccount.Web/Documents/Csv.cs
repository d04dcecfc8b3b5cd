using System.Globalization;
using CsvHelper;
using MyAccount.Domain.Common;

namespace MyAccount.Web.Documents;

/// <summary>
/// Every CSV export: RFC 4180 through CsvHelper with its formula-injection escaping on — a text field starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading <c>'</c>, so a spreadsheet shows it as text instead
/// of running it. Numbers, amounts and dates are written as values, not text: a credit of <c>-12.50</c> stays a number a
/// spreadsheet can add up. Amounts have the currency's fixed decimals (<c>100.00</c>, <c>27.50</c>; <c>1500</c> for JPY).
/// </summary>
public static class Csv
{
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    /// <param name="rows">Each field a string, a whole number (<see cref="long"/>), a <see cref="Money"/> amount or a
    /// <see cref="DateOnly"/>; null is an empty field.</param>
    public static string Write(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            csv.WriteHeader(header.ToArray());
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    switch (field)
                    {
                        case null:
                            csv.WriteField((string?)null);
                            break;
                        case string value:
                            csv.WriteField(value);
                            break;
                        case long value:
                            csv.WriteField(value, "");
                            break;
                        case Money amount:
                            csv.WriteField(amount.Major, "F" + amount.Currency.Digits.ToString(CultureInfo.InvariantCulture));
                            break;
                        case DateOnly day:
                            csv.WriteField(day, "yyyy-MM-dd");
                            break;
                        default:
                            throw new ArgumentException($"A CSV field of type {field.GetType().Name} has no defined format.", nameof(rows));
                    }
                }

                csv.EndRecord();
            }
        }

        return text.ToString();
    }
}
