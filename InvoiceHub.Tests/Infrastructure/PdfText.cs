using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// Reads back the text a PDF shows, the way a viewer's copy-and-paste does: the strings of every Tj/TJ operator
/// in the pages' content streams, glyph codes mapped to characters through each font's ToUnicode CMap.
/// </summary>
public static partial class PdfText
{
    public static string Extract(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            var fonts = page.Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/Font");
            Font? font = null;
            foreach (var op in Operators(ContentReader.ReadContent(page)))
            {
                switch (op.OpCode.Name)
                {
                    case "Tf" when op.Operands.Count > 0 && op.Operands[0] is CName name:
                        font = Font.Of(fonts?.Elements.GetDictionary(name.Name));
                        break;
                    case "Tj" or "'" or "\"" when op.Operands.Count > 0 && op.Operands[^1] is CString s:
                        text.Append(font?.Decode(s.Value) ?? s.Value);
                        break;
                    case "TJ" when op.Operands.Count > 0 && op.Operands[0] is CArray array:
                        foreach (var s in array.OfType<CString>())
                        {
                            text.Append(font?.Decode(s.Value) ?? s.Value);
                        }
                        break;
                    case "ET":
                        text.Append('\n');
                        break;
                }
            }
        }
        return text.ToString();
    }

    /// <summary>The addresses of the file's web links (URI actions of link annotations), in page order.</summary>
    public static List<string> Links(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        return document.Pages.Cast<PdfPage>()
            .SelectMany(page => page.Elements.GetArray("/Annots")?.Elements.Select(e => e is PdfReference r ? r.Value : e).OfType<PdfDictionary>() ?? [])
            .Select(annotation => annotation.Elements.GetDictionary("/A"))
            .Where(action => action?.Elements.GetName("/S") == "/URI")
            .Select(action => action!.Elements.GetString("/URI"))
            .ToList();
    }

    /// <summary>An image of the file as grey levels (0 black … 255 white), row by row.</summary>
    public sealed record Image(int Width, int Height, byte[] Luminance);

    /// <summary>Every image XObject of the file, decoded from its (Flate) stream: grey, RGB or indexed, 1 or 8 bits a component.</summary>
    public static List<Image> Images(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var images = new List<Image>();
        foreach (var image in document.Internals.GetAllObjects().OfType<PdfDictionary>().Where(d => d.Elements.GetName("/Subtype") == "/Image"))
        {
            int width = image.Elements.GetInteger("/Width"), height = image.Elements.GetInteger("/Height"), bits = image.Elements.GetInteger("/BitsPerComponent");
            var data = image.Stream.UnfilteredValue;
            var colorSpace = image.Elements["/ColorSpace"] is PdfReference r ? r.Value : image.Elements["/ColorSpace"];
            Func<int, byte> grey = value => (byte)(bits == 1 ? value * 255 : value);
            var components = 1;
            if (colorSpace is PdfArray { Elements.Count: 4 } indexed)
            {
                var lookup = (indexed.Elements[3] is PdfReference lr ? lr.Value : indexed.Elements[3]) switch
                {
                    PdfString str => str.Value.Select(c => (byte)c).ToArray(),
                    PdfDictionary stream => stream.Stream.UnfilteredValue,
                    _ => throw new NotSupportedException("An indexed image without its palette."),
                };
                grey = index => Luminance(lookup[index * 3], lookup[(index * 3) + 1], lookup[(index * 3) + 2]);
            }
            else if (colorSpace is PdfName { Value: "/DeviceRGB" })
            {
                components = 3;
            }
            var stride = ((width * components * bits) + 7) / 8;
            var luminance = new byte[width * height];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    luminance[(y * width) + x] = components == 3
                        ? Luminance(data[(y * stride) + (x * 3)], data[(y * stride) + (x * 3) + 1], data[(y * stride) + (x * 3) + 2])
                        : grey(Sample(data, (y * stride * 8) + (x * bits), bits));
                }
            }
            images.Add(new Image(width, height, luminance));
        }
        return images;
    }

    private static int Sample(byte[] data, int bitOffset, int bits) =>
        bits == 8 ? data[bitOffset / 8] : (data[bitOffset / 8] >> (8 - bits - (bitOffset % 8))) & ((1 << bits) - 1);

    private static byte Luminance(byte red, byte green, byte blue) => (byte)(((red * 299) + (green * 587) + (blue * 114)) / 1000);

    /// <summary>Every key of every object in the file, e.g. to prove there is no /JavaScript or /OpenAction.</summary>
    public static List<string> Keys(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        return document.Internals.GetAllObjects().OfType<PdfDictionary>().SelectMany(d => d.Elements.Keys).ToList();
    }

    private static IEnumerable<COperator> Operators(CSequence sequence)
    {
        foreach (var item in sequence)
        {
            if (item is COperator op)
            {
                yield return op;
            }
            else if (item is CSequence inner)
            {
                foreach (var nested in Operators(inner))
                {
                    yield return nested;
                }
            }
        }
    }

    private sealed class Font(int bytesPerCode, Dictionary<int, string> map)
    {
        public static Font? Of(PdfDictionary? font)
        {
            if (font?.Elements.GetDictionary("/ToUnicode")?.Stream?.UnfilteredValue is not { } cmap)
            {
                return null;
            }
            var map = new Dictionary<int, string>();
            var source = Encoding.Latin1.GetString(cmap);
            foreach (Match block in BfChar().Matches(source))
            {
                foreach (Match pair in Pair().Matches(block.Groups["body"].Value))
                {
                    map[Hex(pair.Groups["a"].Value)] = Utf16(pair.Groups["b"].Value);
                }
            }
            foreach (Match block in BfRange().Matches(source))
            {
                foreach (Match range in Range().Matches(block.Groups["body"].Value))
                {
                    var (from, to, first) = (Hex(range.Groups["a"].Value), Hex(range.Groups["b"].Value), Hex(range.Groups["c"].Value));
                    for (var code = from; code <= to; code++)
                    {
                        map[code] = char.ConvertFromUtf32(first + code - from);
                    }
                }
            }
            return new Font(font.Elements.GetName("/Subtype") == "/Type0" ? 2 : 1, map);
        }

        public string Decode(string codes)
        {
            var text = new StringBuilder();
            for (var i = 0; i + bytesPerCode <= codes.Length; i += bytesPerCode)
            {
                var code = bytesPerCode == 2 ? codes[i] << 8 | codes[i + 1] : codes[i];
                text.Append(map.GetValueOrDefault(code, "\uFFFD"));
            }
            return text.ToString();
        }

        private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        private static string Utf16(string hex) =>
            Encoding.BigEndianUnicode.GetString(Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(i * 2, 2), 16)).ToArray());
    }

    [GeneratedRegex(@"beginbfchar(?<body>.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"beginbfrange(?<body>.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<(?<a>[0-9A-Fa-f]+)>\s*<(?<b>[0-9A-Fa-f]+)>")]
    private static partial Regex Pair();

    [GeneratedRegex(@"<(?<a>[0-9A-Fa-f]+)>\s*<(?<b>[0-9A-Fa-f]+)>\s*<(?<c>[0-9A-Fa-f]+)>")]
    private static partial Regex Range();
}
