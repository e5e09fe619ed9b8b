using System.Reflection;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Tests.Domain;

internal static class DomainTestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));
    public static readonly DateOnly Today = new(2026, 3, 2);

    private static int _sequence;

    public static Money Eur(long minor) => new(minor, Currency.EUR);

    public static Client NewClient(long balanceMinor = 0, Currency? currency = null)
    {
        var client = Client.Create("Ada Lovelace", "ada@example.com", currency ?? Currency.EUR, Now);
        if (balanceMinor > 0)
        {
            client.AdjustBalance(new Money(balanceMinor, client.Currency), "Opening balance", Now);
        }

        return client;
    }

    public static Invoice Draft(Client client, long totalMinor, DateOnly? dueDate = null)
    {
        var invoice = Invoice.CreateDraft(client, dueDate ?? Today.AddDays(14), Now);
        invoice.AddLine("Tutoring", 1m, totalMinor, 0m);
        return invoice;
    }

    public static Invoice Issued(Client client, long totalMinor, DateOnly? dueDate = null)
    {
        var invoice = Draft(client, totalMinor, dueDate);
        invoice.Issue(NextNumber(), Today, Now);
        return invoice;
    }

    public static string NextNumber() => InvoiceNumber.Format(2026, Interlocked.Increment(ref _sequence) % InvoiceNumber.MaxSequence + 1);

    public static Payment OfflinePayment(Client client, long amountMinor, Invoice? invoice = null) =>
        Payment.RecordOffline(client, new Money(amountMinor, client.Currency), PaymentMethod.Cash, Today, Now, "till", invoice);

    /// <summary>Plays the database: ids are assigned on insert and have no public setter.</summary>
    public static T WithId<T>(this T entity, int id)
        where T : Entity
    {
        typeof(Entity).GetProperty(nameof(Entity.Id), BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
        return entity;
    }

    public static DomainException Throws(string code, Action action)
    {
        var exception = Assert.Throws<DomainException>(action);
        Assert.Equal(code, exception.Code);
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        return exception;
    }
}
