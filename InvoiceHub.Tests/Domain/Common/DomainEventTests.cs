using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.Common;

public class DomainEventTests
{
    [Fact]
    public void New_entities_have_no_id_until_the_database_assigns_one()
    {
        Assert.Equal(0, NewClient().Id);
    }

    [Fact]
    public void Raised_events_are_kept_until_cleared()
    {
        var invoice = Draft(NewClient(), 0);
        invoice.Issue("INV-2026-00001", Today, Now);

        Assert.Collection(
            invoice.DomainEvents,
            e => Assert.Equal(Now, Assert.IsType<InvoiceIssued>(e).OccurredAt),
            e => Assert.IsType<InvoicePaid>(e));

        invoice.ClearDomainEvents();

        Assert.Empty(invoice.DomainEvents);
    }

    [Fact]
    public void Domain_exception_carries_code_field_and_message()
    {
        var error = new DomainException("insufficient_balance", "Not enough credit.", "amount");

        Assert.Equal("insufficient_balance", error.Code);
        Assert.Equal("amount", error.Field);
        Assert.Equal("Not enough credit.", error.Message);
    }
}
