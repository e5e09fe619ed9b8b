using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Jobs.EmailDelivery;

/// <summary>The in-app mailbox's attachments (Development only, Admins): the file exactly as the email carries it.</summary>
public static class MailboxAttachments
{
    public static string PathOf(int messageId) => $"/admin/mailbox/{messageId}/attachment";

    public static WebApplication MapMailboxAttachments(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin/mailbox/{id:int}/attachment", async (int id, IHostEnvironment environment, IDbContextFactory<InvoiceHubDbContext> dbFactory, CancellationToken ct) =>
            {
                if (!environment.IsDevelopment())
                {
                    return Results.NotFound();
                }
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var attachment = await db.Outbox.AsNoTracking().Where(m => m.Id == id && m.AttachmentContent != null)
                    .Select(m => new { m.AttachmentName, m.AttachmentContentType, m.AttachmentContent }).SingleOrDefaultAsync(ct);
                return attachment is null
                    ? Results.NotFound()
                    : Results.File(attachment.AttachmentContent!, attachment.AttachmentContentType ?? "application/octet-stream", attachment.AttachmentName);
            })
            .RequireAuthorization(Policies.Admin)
            .ExcludeFromDescription();
        return app;
    }
}
