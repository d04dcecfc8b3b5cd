using PdfSharp.Fonts;

namespace MyAccount.Web.Documents;

/// <summary>
/// PDFsharp on Linux finds no fonts by itself: this resolver serves DejaVu Sans (regular and bold) from the assembly.
/// <see cref="GlobalFontSettings.FontResolver"/> is process-wide and can be set once, before the first font is used.
/// </summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();

    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream($"MyAccount.Web.Documents.Fonts.{faceName}.ttf")
                           ?? throw new InvalidOperationException($"The font {faceName} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
