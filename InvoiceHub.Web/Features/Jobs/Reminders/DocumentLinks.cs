using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;

namespace InvoiceHub.Web.Features.Jobs.Reminders;

/// <summary>
/// Where a reminder sends the client: a fresh payment link (<c>/pay/{token}</c>) on <c>Jobs:PublicBaseUrl</c> that
/// renews the document's link expiry. It is added to the caller's context, so it commits with the email carrying it.
/// </summary>
public sealed class DocumentLinks(JobsOptions options, PaymentLinks.PaymentLinks paymentLinks)
{
    private Uri BaseUri => new(options.PublicBaseUrl.EndsWith('/') ? options.PublicBaseUrl : options.PublicBaseUrl + "/");

    public async Task<Uri> ForAsync(InvoiceHubDbContext db, PayableKind kind, int documentId, CancellationToken cancellationToken) =>
        new(await paymentLinks.CreateOrRenewAsync(db, kind, documentId, BaseUri, cancellationToken));
}
