using System.Linq.Expressions;
using Microsoft.AspNetCore.Components.Forms;

namespace InvoiceHub.Web.Features.Account;

/// <summary>Ties the static account forms' native inputs to the validation message drawn under each of them.</summary>
public static class FieldMessages
{
    /// <summary>The message's id for the field's <c>aria-describedby</c> while there is a message to read, otherwise nothing.</summary>
    public static string? DescribedBy(EditContext form, Expression<Func<object>> field, string messageId) =>
        form.GetValidationMessages(field).Any() ? messageId : null;
}
