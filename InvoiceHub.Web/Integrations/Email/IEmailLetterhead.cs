namespace InvoiceHub.Web.Integrations.Email;

/// <summary>
/// The company header every HTML email starts with (<see cref="EmailBranding.Header"/>). The outbox asks for it; the
/// settings feature provides it, because it knows the company's details, its logo and the app's public address.
/// </summary>
public interface IEmailLetterhead
{
    Task<string> HtmlAsync(CancellationToken cancellationToken);
}
