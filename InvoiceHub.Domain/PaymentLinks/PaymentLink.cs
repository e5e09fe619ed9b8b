using System.Security.Cryptography;
using System.Text;
using InvoiceHub.Domain.Payables;

namespace InvoiceHub.Domain.PaymentLinks;

/// <summary>
/// One payment link: a random token (only its SHA-256 hash is stored) bound to one invoice or credit request.
/// Links of a document live until it is settled, staff revoke them, or 30 days after the later of its due date
/// and the newest email that carried a link (<see cref="RenewsExpiry"/>).
/// </summary>
public sealed class PaymentLink
{
    public const int TokenBytes = 32;

    private PaymentLink()
    {
        TokenHash = "";
    }

    public PaymentLink(string tokenHash, PayableKind documentKind, int documentId, bool renewsExpiry, DateTimeOffset now)
    {
        TokenHash = tokenHash;
        DocumentKind = documentKind;
        DocumentId = documentId;
        RenewsExpiry = renewsExpiry;
        CreatedAt = now;
    }

    public int Id { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 text.</summary>
    public string TokenHash { get; private set; }

    public PayableKind DocumentKind { get; private set; }

    public int DocumentId { get; private set; }

    /// <summary>True for links sent by email: sending one keeps all the document's links alive for 30 more days.</summary>
    public bool RenewsExpiry { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>A new random token (32 bytes, base64url) and the hash to store for it.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
