using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Dashboard;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Pdf;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Statements;

/// <summary>
/// Builds client statements from the <see cref="IStatementSource"/>s (one query per kind of happening), renders them as
/// PDF and emails them when staff ask. Days are UTC days; a period includes both ends.
/// </summary>
public sealed class ClientStatements(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    IEnumerable<IStatementSource> sources,
    MoneyTransaction transaction,
    EmailOutbox outbox,
    PdfLetterhead letterhead,
    TimeProvider clock)
{
    private readonly IStatementSource[] _sources = [.. sources];

    /// <summary>The default period: from the first of January of this year to today.</summary>
    public (DateOnly From, DateOnly To) ThisYear()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (new DateOnly(today.Year, 1, 1), today);
    }

    /// <summary>Refuses a period that ends before it starts or spans more than ten years, naming the field.</summary>
    public static void CheckPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new DomainException(ErrorCodes.InvalidPeriod, "The end of the period is before its start.", "to");
        }
        if (to.DayNumber - from.DayNumber > ClientStatement.MaxDays)
        {
            throw new DomainException(ErrorCodes.InvalidPeriod, "A statement covers at most ten years.", "from");
        }
    }

    /// <summary>The statement of one client, or null when there is no such client.</summary>
    public async Task<ClientStatement?> BuildAsync(int clientId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        CheckPeriod(from, to);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId)
            .Select(c => new { Party = new InvoicePdfParty(c.Name, c.Address, c.Email, c.VatNumber), Currency = c.Currency.Code }).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return null;
        }
        var start = Start(from);
        var end = Start(to.AddDays(1));
        var entries = new List<StatementEntry>();
        foreach (var source in _sources)
        {
            entries.AddRange(await source.ReadAsync(db, clientId, client.Currency, cancellationToken));
        }
        var opening = entries.Where(e => e.At < start).Sum(e => e.AmountMinor);
        var running = opening;
        var lines = new List<StatementLine>();
        foreach (var e in entries.Where(e => e.At >= start && e.At < end).OrderBy(e => e.At).ThenByDescending(e => e.AmountMinor))
        {
            running += e.AmountMinor;
            lines.Add(new StatementLine(DateOnly.FromDateTime(e.At.UtcDateTime), e.Kind, e.Reference, e.Description, Math.Max(e.AmountMinor, 0), Math.Max(-e.AmountMinor, 0), running));
        }
        var aging = AgingBuckets.Of(await OpenAtAsync(db, clientId, end, cancellationToken), to);
        // The balance is the sum of its append-only ledger; summing (rather than taking the last entry's balance after)
        // needs no order among the entries one transaction writes at the same instant, whose ids need not follow it.
        var credit = await db.BalanceEntries.AsNoTracking().Where(e => EF.Property<int>(e, "ClientId") == clientId)
            .Select(e => new { e.CreatedAt, e.AmountMinor }).ToListAsync(cancellationToken);
        var creditAtEnd = credit.Where(e => e.CreatedAt < end).Sum(e => e.AmountMinor);
        return new ClientStatement(clientId, client.Party, client.Currency, from, to, opening, lines,
            lines.Sum(l => l.ChargeMinor), lines.Sum(l => l.CreditMinor), running, creditAtEnd, aging);
    }

    /// <summary>The PDF of a statement in its client's language (whoever asks), or null when there is no such client.</summary>
    public async Task<(ClientStatement Statement, byte[] Content)?> RenderAsync(int clientId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        using (Languages.Use(await LanguageOfAsync(clientId, cancellationToken)))
        {
            var statement = await BuildAsync(clientId, from, to, cancellationToken);
            if (statement is null)
            {
                return null;
            }
            var (seller, logo) = await letterhead.GetAsync(cancellationToken);
            return (statement, StatementPdf.Render(statement, seller, logo));
        }
    }

    /// <summary>Staff email the statement, PDF attached, to the client's address in the client's language; returns the address.</summary>
    public async Task<string> EmailAsync(int clientId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        using (Languages.Use(await LanguageOfAsync(clientId, cancellationToken)))
        {
            var (statement, pdf) = await RenderAsync(clientId, from, to, cancellationToken) ?? throw new NotFoundException("client", clientId);
            var (seller, _) = await letterhead.GetAsync(cancellationToken);
            var email = DocumentEmails.Statement(statement.Client.Email, statement.Client.Name, from, to, Display.Money(statement.ClosingMinor, statement.Currency), seller.Name,
                new EmailAttachment(statement.FileName, "application/pdf", pdf));
            await transaction.RunAsync("email statement", (db, ct) => outbox.EnqueueAsync(db, email, ct), cancellationToken);
            return email.To;
        }
    }

    private async Task<string?> LanguageOfAsync(int clientId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Language).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// What each invoice still asked for just before <paramref name="end"/>: issued by then, not voided by then, its total less
    /// the allocations made by then (a refund's or chargeback's negative ones included) that were not voided by then.
    /// </summary>
    private static async Task<List<(DateOnly Due, long OwedMinor)>> OpenAtAsync(InvoiceHubDbContext db, int clientId, DateTimeOffset end, CancellationToken ct)
    {
        var lastDay = DateOnly.FromDateTime(end.UtcDateTime).AddDays(-1);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.IssuedOn != null && i.IssuedOn <= lastDay && i.Status != InvoiceStatus.Draft)
            .Select(i => new { i.Id, i.DueDate, i.TotalMinor, i.VoidedAt }).ToListAsync(ct);
        var ids = invoices.Select(i => i.Id).ToList();
        var allocations = await db.Allocations.AsNoTracking().Where(a => ids.Contains(EF.Property<int>(a, "InvoiceId")))
            .Select(a => new { InvoiceId = EF.Property<int>(a, "InvoiceId"), a.AmountMinor, a.CreatedAt, a.VoidedAt }).ToListAsync(ct);
        return invoices.Where(i => !(i.VoidedAt < end))
            .Select(i => (i.DueDate, Math.Max(0, i.TotalMinor - allocations
                .Where(a => a.InvoiceId == i.Id && a.CreatedAt < end && !(a.VoidedAt < end)).Sum(a => a.AmountMinor))))
            .Where(i => i.Item2 > 0)
            .ToList();
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
