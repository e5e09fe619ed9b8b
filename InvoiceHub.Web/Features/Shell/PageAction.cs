using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>Why a refused action did not happen, as far as the page shows it differently.</summary>
public enum RefusalKind
{
    /// <summary>A rule of the business (<see cref="DomainException"/>); <see cref="ActionRefusal.Field"/> names the input at fault.</summary>
    Rule,

    /// <summary>The record is gone (deleted, or never was).</summary>
    NotFound,

    /// <summary>The database was busy past its timeout; nothing was saved and the same click may try again (decision 0013).</summary>
    Busy,

    /// <summary>A payment, refund or the payment service refused; the message is meant for the person who asked.</summary>
    Payment,
}

/// <summary>A refused page action: a message a person can act on (a rule's in the reader's language, <see cref="ProblemText.Of"/>), the field it is about, and why.</summary>
public sealed record ActionRefusal(string Message, string? Field, RefusalKind Kind)
{
    /// <summary>The field key for a page's error list: the refusal's field when the page has it on screen, else the form's foot ("").</summary>
    public string FieldOr(params string[] fieldsOnScreen) => Field is { } field && fieldsOnScreen.Contains(field) ? field : "";
}

/// <summary>
/// The one place pages turn the refusals of a use case into something to show: rule refusals, missing records, a busy
/// database and refused payments come back as an <see cref="ActionRefusal"/>; anything else is a bug and propagates.
/// </summary>
public static class PageAction
{
    /// <returns>Null when the action succeeded.</returns>
    public static async Task<ActionRefusal?> RunAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
            return null;
        }
        catch (DomainException ex)
        {
            return new ActionRefusal(ProblemText.Of(ex), ex.Field, RefusalKind.Rule);
        }
        catch (NotFoundException ex)
        {
            return new ActionRefusal(ex.Message, null, RefusalKind.NotFound);
        }
        catch (DatabaseBusyException ex)
        {
            return new ActionRefusal(ex.Message, null, RefusalKind.Busy);
        }
        catch (Exception ex) when (ex is PaymentRefusedException or RefundRefusedException)
        {
            return new ActionRefusal(ex.Message, null, RefusalKind.Payment);
        }
        catch (MollieException ex)
        {
            return new ActionRefusal(ex.UserMessage, null, RefusalKind.Payment);
        }
    }
}
