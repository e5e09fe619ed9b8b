namespace InvoiceHub.Web.Data;

/// <summary>A bearer key for the REST API. Only its SHA-256 hash is stored; the key is shown once at creation.</summary>
public sealed class ApiKey
{
    private ApiKey()
    {
    }

    public ApiKey(string name, string keyHash, string prefix, string role, DateTimeOffset createdAt)
    {
        Name = name;
        KeyHash = keyHash;
        Prefix = prefix;
        Role = role;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string KeyHash { get; private set; } = "";
    /// <summary>The first characters of the key, so people can tell keys apart without the secret.</summary>
    public string Prefix { get; private set; } = "";
    public string Role { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
