using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvoiceHub.Web.Features.PaymentLinks;

public enum PaymentLinkState
{
    /// <summary>The document can be viewed and paid through the link.</summary>
    Valid,
    /// <summary>More than 30 days past the due date and the newest email.</summary>
    Expired,
    Revoked,
    /// <summary>The document is Paid, Void or Cancelled: the link shows that and nothing more.</summary>
    Settled,
    NotFound,
}

/// <summary>What a token leads to. Document fields are null only for <see cref="PaymentLinkState.NotFound"/>.</summary>
public sealed record PaymentLinkResolution(
    PaymentLinkState State,
    PayableKind? Kind = null,
    int? DocumentId = null,
    int? ClientId = null,
    string? Number = null,
    string? DocumentStatus = null,
    DateTimeOffset? ExpiresAt = null)
{
    public static readonly PaymentLinkResolution Unknown = new(PaymentLinkState.NotFound);
}

public sealed class PaymentLinkOptions
{
    public const string Section = "PaymentLinks";

    /// <summary>
    /// The app's public address, for links built outside a request (emails sent by jobs): <c>PaymentLinks:PublicBaseUrl</c>
    /// when set, else <see cref="Infrastructure.AppAddress"/>'s answer (in Development the address the server listens on).
    /// </summary>
    public Uri? PublicBaseUrl
    {
        get => _publicBaseUrl ?? Address?.PublicBaseUri;
        set => _publicBaseUrl = value;
    }

    private Uri? _publicBaseUrl;

    /// <summary>Set by the registration, not bound.</summary>
    internal Infrastructure.AppAddress? Address { get; set; }

    public TimeSpan ValidAfterDue { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Payment links <c>/pay/{token}</c>: created (or renewed) when a document is emailed or shown through the API,
/// revoked by staff, resolved anonymously. Creating takes the caller's DbContext, so the link commits with the
/// email that carries it.
/// </summary>
public sealed class PaymentLinks(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    EmailOutbox outbox,
    IOptions<PaymentLinkOptions> options,
    TimeProvider clock,
    ILogger<PaymentLinks> logger)
{
    public const string PathPrefix = "/pay/";

    public static string PathOf(string token) => PathPrefix + token;

    /// <summary>The address the request came in on, as the base of absolute links in API answers.</summary>
    public static Uri BaseUriOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
    }

    /// <summary>The link for an API answer when the document can still be paid; null otherwise.</summary>
    public async Task<string?> ForApiAsync(PayableKind kind, int documentId, bool open, HttpRequest request, CancellationToken cancellationToken = default) =>
        open ? await CreateSavedAsync(kind, documentId, BaseUriOf(request), cancellationToken) : null;

    /// <summary>
    /// A fresh link for an email: it renews the expiry of every live link of the document. Added to
    /// <paramref name="db"/> (the caller saves); returns the absolute URL built on <paramref name="publicBaseUri"/>
    /// or on <c>PaymentLinks:PublicBaseUrl</c>.
    /// </summary>
    public Task<string> CreateOrRenewAsync(InvoiceHubDbContext db, PayableKind kind, int documentId, Uri? publicBaseUri = null, CancellationToken cancellationToken = default) =>
        AddAsync(db, kind, documentId, renews: true, publicBaseUri, cancellationToken);

    /// <summary>A link for a screen or an API answer; it does not extend the document's expiry.</summary>
    public Task<string> CreateAsync(InvoiceHubDbContext db, PayableKind kind, int documentId, Uri? publicBaseUri = null, CancellationToken cancellationToken = default) =>
        AddAsync(db, kind, documentId, renews: false, publicBaseUri, cancellationToken);

    /// <summary>A link in its own save, for API answers.</summary>
    public async Task<string> CreateSavedAsync(PayableKind kind, int documentId, Uri publicBaseUri, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var url = await CreateAsync(db, kind, documentId, publicBaseUri, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return url;
    }

    private Task<string> AddAsync(InvoiceHubDbContext db, PayableKind kind, int documentId, bool renews, Uri? publicBaseUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var baseUri = publicBaseUri ?? options.Value.PublicBaseUrl
            ?? throw new InvalidOperationException("Set PaymentLinks:PublicBaseUrl (the app's public address) to build payment links outside a request.");
        var (token, hash) = PaymentLink.NewToken();
        db.Add(new PaymentLink(hash, kind, documentId, renews, clock.GetUtcNow()));
        return Task.FromResult(new Uri(baseUri, PathOf(token)).ToString());
    }

    /// <summary>Revokes every link of the document that exists now; a later email brings a new one.</summary>
    public async Task<int> RevokeAsync(PayableKind kind, int documentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var links = await db.Set<PaymentLink>().Where(l => l.DocumentKind == kind && l.DocumentId == documentId && l.RevokedAt == null).ToListAsync(cancellationToken);
        links.ForEach(l => l.Revoke(now));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Revoked {Count} payment links of {Kind} {DocumentId}", links.Count, kind, documentId);
        return links.Count;
    }

    public async Task<PaymentLinkResolution> ResolveAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return PaymentLinkResolution.Unknown;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = PaymentLink.Hash(token);
        var link = await db.Set<PaymentLink>().AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null)
        {
            return PaymentLinkResolution.Unknown;
        }

        var document = await DocumentAsync(db, link.DocumentKind, link.DocumentId, cancellationToken);
        if (document is null)
        {
            return PaymentLinkResolution.Unknown;
        }

        var newestEmail = await db.Set<PaymentLink>().AsNoTracking()
            .Where(l => l.DocumentKind == link.DocumentKind && l.DocumentId == link.DocumentId && l.RenewsExpiry && l.RevokedAt == null)
            .Select(l => (DateTimeOffset?)l.CreatedAt).MaxAsync(cancellationToken);
        var expiresAt = ExpiresAt(document.Due, newestEmail);
        var state = !document.Open ? PaymentLinkState.Settled
            : link.RevokedAt is not null ? PaymentLinkState.Revoked
            : clock.GetUtcNow() >= expiresAt ? PaymentLinkState.Expired
            : PaymentLinkState.Valid;
        return new PaymentLinkResolution(state, link.DocumentKind, link.DocumentId, document.ClientId, document.Number, document.Status, expiresAt);
    }

    /// <summary>30 days after the later of the due date and the newest email that carried a link.</summary>
    public DateTimeOffset ExpiresAt(DateOnly due, DateTimeOffset? newestEmail)
    {
        var fromDue = new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
        var from = newestEmail is { } sent && sent > fromDue ? sent : fromDue;
        return from + options.Value.ValidAfterDue;
    }

    /// <summary>
    /// For an expired or revoked link of a document still open: emails a fresh link to the client's address on
    /// file, at most once per document per day (the outbox's deduplication key). False when nothing was queued.
    /// </summary>
    public async Task<bool> EmailFreshLinkAsync(string token, Uri publicBaseUri, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(token, cancellationToken);
        if (resolved.State is not (PaymentLinkState.Expired or PaymentLinkState.Revoked) || resolved.Kind is not { } kind || resolved.DocumentId is not { } id)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == resolved.ClientId).Select(c => new { c.Name, c.Email, c.Language }).SingleAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var key = $"payment-link:{PayableDocuments.KindKey(kind)}:{id}:{today:yyyy-MM-dd}";
        if (await db.Outbox.AnyAsync(m => m.DeduplicationKey == key, cancellationToken))
        {
            return false;
        }

        var url = await CreateOrRenewAsync(db, kind, id, publicBaseUri, cancellationToken);
        bool queued;
        using (Languages.Use(client.Language))
        {
            queued = await outbox.EnqueueAsync(db, DocumentEmails.FreshLink(client.Email, client.Name, resolved.Number!, url, key).About(kind, id), cancellationToken);
        }
        if (!queued)
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (MoneyTransaction.IsTransient(ex))
        {
            // Two requests at once: the unique deduplication key let the other one through.
            return false;
        }

        logger.LogInformation("Queued a fresh payment link for {Kind} {DocumentId}", kind, id);
        return true;
    }

    private sealed record DocumentFacts(int ClientId, string Number, string Status, bool Open, DateOnly Due);

    private static async Task<DocumentFacts?> DocumentAsync(InvoiceHubDbContext db, PayableKind kind, int id, CancellationToken ct) =>
        await PayableDocuments.FindAsync(db, kind, id, ct) is { IsIssued: true } document
            ? new DocumentFacts(document.ClientId, document.Reference, document.StatusName, document.IsPayable,
                document.DueDate ?? DateOnly.FromDateTime(document.CreatedAt.UtcDateTime))
            : null;
}
