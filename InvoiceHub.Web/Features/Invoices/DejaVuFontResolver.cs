using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>
/// PdfSharp finds no fonts by itself outside Windows: this resolver serves DejaVu Sans (regular and bold), which
/// covers Latin, Greek, Cyrillic and more, from the TrueType files compiled into this assembly
/// (<c>Features/Invoices/Fonts</c>, with their licence; decision 0016). No font needs installing on the machine.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();
    private static bool _registered;
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    /// <summary>Installs the resolver once per process (PdfSharp's font settings are global and may be set only once).</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
                _registered = true;
            }
        }
    }

    /// <summary>Every family asked for gets DejaVu Sans; italic is slanted by PdfSharp (the PDF uses none today).</summary>
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, false, italic);

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, Load);

    /// <summary>The bytes of one shipped face (resource names are set in InvoiceHub.Web.csproj).</summary>
    public static byte[] Load(string faceName)
    {
        var name = $"InvoiceHub.Fonts.{faceName}.ttf";
        using var stream = typeof(DejaVuFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from {typeof(DejaVuFontResolver).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
