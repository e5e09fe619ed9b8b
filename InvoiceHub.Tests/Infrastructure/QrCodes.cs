using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>Reads a QR code the way a banking app's camera would, from an image's grey levels (ZXing).</summary>
public static class QrCodes
{
    /// <summary>The decoded text, or null when the image holds no readable QR code.</summary>
    public static string? Decode(PdfText.Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var source = new RGBLuminanceSource(image.Luminance, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true, [DecodeHintType.CHARACTER_SET] = "UTF-8" });
        return result?.Text;
    }
}
