namespace InvoiceHub.Domain.Settings;

/// <summary>A company logo as stored: the image and its type.</summary>
public sealed record CompanyLogoImage(byte[] Content, string ContentType)
{
    public string DataUrl => $"data:{ContentType};base64,{Convert.ToBase64String(Content)}";
}
