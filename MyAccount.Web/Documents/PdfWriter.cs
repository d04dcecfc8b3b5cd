using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MyAccount.Web.Documents;

/// <summary>A small flowing-text writer over PDFsharp: lines, wrapped text, right-aligned amounts and page breaks.</summary>
internal sealed class PdfWriter : IDisposable
{
    public const double Margin = 50;
    private readonly PdfDocument _document;
    private PdfPage _page = null!;
    private XGraphics _graphics = null!;

    public PdfWriter(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    public double Y { get; private set; }

    public double Width => _page.Width.Point - 2 * Margin;

    public static XFont Font(double size, bool bold = false) => new(EmbeddedFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    public void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    public void Space(double points) => Y += points;

    /// <summary>Text on the left (wrapped to leave room for an amount) and, optionally, an amount on the right of the first line.</summary>
    public void Row(string text, XFont font, string? amount = null, XBrush? brush = null, double indent = 0)
    {
        const double amountColumn = 110;
        var lines = Wrap(text, font, Width - indent - (amount is null ? 0 : amountColumn));
        var height = font.GetHeight() * 1.25;
        EnsureRoom(height * lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            _graphics.DrawString(lines[i], font, brush ?? XBrushes.Black, new XRect(Margin + indent, Y, Width - indent, height), XStringFormats.TopLeft);
            if (i == 0 && amount is not null)
            {
                _graphics.DrawString(amount, font, brush ?? XBrushes.Black, new XRect(Margin, Y, Width, height), XStringFormats.TopRight);
            }

            Y += height;
        }
    }

    public void Rule(double thickness = 0.5)
    {
        EnsureRoom(6);
        _graphics.DrawLine(new XPen(XColors.Gray, thickness), Margin, Y + 2, Margin + Width, Y + 2);
        Y += 6;
    }

    public void EnsureRoom(double height)
    {
        if (Y + height > _page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && _graphics.MeasureString(candidate, font).Width > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        return lines;
    }

    public void Dispose() => _graphics.Dispose();
}
