namespace InvoiceHub.Web.Features.Jobs.Reminders;

/// <summary>
/// Where an email sends the client for a document. For now the portal page; when payment links
/// (<c>/pay/{token}</c>) arrive this is the one place to switch to them.
/// </summary>
public sealed class DocumentLinks(JobsOptions options)
{
    private Uri BaseUri => new(options.PublicBaseUrl.EndsWith('/') ? options.PublicBaseUrl : options.PublicBaseUrl + "/");

    public Uri ForInvoice(int invoiceId) => new(BaseUri, $"portal/invoices/{invoiceId}");

    public Uri ForCreditRequest(int creditRequestId) => new(BaseUri, $"portal/credit-requests/{creditRequestId}");
}
