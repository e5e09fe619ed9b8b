using System.Globalization;
using InvoiceHub.Web.Resources;
using PdfSharp.Drawing;

namespace InvoiceHub.Web.Features.Settings;

/// <summary>What a logo upload must be: PNG or JPEG (by its bytes, not its name), at most <see cref="MaxBytes"/>, and readable by the PDF renderer.</summary>
public static class CompanyLogo
{
    public const int MaxBytes = 200 * 1024;
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    public static string TooBig(long size) =>
        string.Format(CultureInfo.CurrentCulture, AdminText.LogoTooBig, Kilobytes(Math.Ceiling(size / 102.4) / 10), Kilobytes(MaxBytes / 1024));

    /// <summary>"200 KB", "312.5 KB".</summary>
    public static string Kilobytes(double kilobytes) => string.Format(CultureInfo.CurrentCulture, "{0:0.#} KB", kilobytes);

    /// <summary>The logo to store, or null with the message to show next to the upload field.</summary>
    public static CompanyLogoImage? Validate(byte[] content, out string? error)
    {
        ArgumentNullException.ThrowIfNull(content);
        error = null;
        if (content.Length > MaxBytes)
        {
            error = TooBig(content.Length);
            return null;
        }
        var type = content.AsSpan().StartsWith(PngSignature) ? Png : content.AsSpan().StartsWith(JpegSignature) ? Jpeg : null;
        if (type is null)
        {
            error = AdminText.LogoNotImage;
            return null;
        }
        if (!Readable(content))
        {
            error = AdminText.LogoUnreadable;
            return null;
        }
        return new CompanyLogoImage(content, type);
    }

    private static bool Readable(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var image = XImage.FromStream(stream);
            return image.PixelWidth > 0 && image.PixelHeight > 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or IOException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
