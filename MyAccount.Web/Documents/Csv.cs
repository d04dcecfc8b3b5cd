using System.Text;

namespace MyAccount.Web.Documents;

/// <summary>RFC 4180 CSV: fields with commas, quotes or line breaks are quoted; formulas are neutralised for spreadsheets.</summary>
public static class Csv
{
    public static string Write(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows)
        {
            Line(text, row);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Field)).Append("\r\n");
    }

    private static string Field(string value)
    {
        // A leading =, +, @ or tab makes spreadsheets run the cell as a formula.
        if (value.Length > 0 && value[0] is '=' or '+' or '@' or '\t')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
