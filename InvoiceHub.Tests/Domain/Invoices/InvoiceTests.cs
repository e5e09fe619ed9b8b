using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Invoices;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.Invoices;

public class InvoiceTests
{
    [Fact]
    public void New_invoice_is_a_draft_of_the_client_in_their_currency()
    {
        var client = NewClient().WithId(7);

        var invoice = Invoice.CreateDraft(client, Today.AddDays(30), Now);

        Assert.Equal(InvoiceStatus.Draft, invoice.Status);
        Assert.Equal(7, invoice.ClientId);
        Assert.Equal(client.Currency, invoice.Currency);
        Assert.Null(invoice.Number);
        Assert.Equal(Eur(0), invoice.Total);
        Assert.Equal(0, invoice.Version);
    }

    [Fact]
    public void Issue_numbers_and_opens_the_invoice()
    {
        var invoice = Draft(NewClient(), 1000);
        var version = invoice.Version;

        invoice.Issue("INV-2026-00001", Today, Now);

        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal("INV-2026-00001", invoice.Number);
        Assert.Equal(Today, invoice.IssuedOn);
        Assert.Equal(Eur(1000), invoice.StillToPay);
        Assert.Equal(version + 1, invoice.Version);
        var issued = Assert.IsType<InvoiceIssued>(Assert.Single(invoice.DomainEvents));
        Assert.Equal(Eur(1000), issued.Total);
    }

    [Fact]
    public void Issue_without_lines_is_refused()
    {
        var invoice = Invoice.CreateDraft(NewClient(), Today, Now);

        Throws(ErrorCodes.InvoiceHasNoLines, () => invoice.Issue("INV-2026-00001", Today, Now));
        Assert.Equal(InvoiceStatus.Draft, invoice.Status);
    }

    [Fact]
    public void Issue_with_zero_total_is_paid_at_once()
    {
        var invoice = Draft(NewClient(), 0);

        invoice.Issue("INV-2026-00001", Today, Now);

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(Now, invoice.PaidAt);
        Assert.Contains(invoice.DomainEvents, e => e is InvoicePaid);
    }

    [Theory]
    [InlineData("INV-2025-00001")]
    [InlineData("2026-00001")]
    [InlineData("")]
    public void Issue_with_a_malformed_or_other_year_number_is_refused(string number)
    {
        var invoice = Draft(NewClient(), 1000);

        Assert.Equal("number", Throws(ErrorCodes.InvalidInvoiceNumber, () => invoice.Issue(number, Today, Now)).Field);
        Assert.Equal(InvoiceStatus.Draft, invoice.Status);
    }

    [Fact]
    public void Issuing_twice_is_refused()
    {
        var invoice = Issued(NewClient(), 1000);

        Throws(ErrorCodes.InvoiceNotDraft, () => invoice.Issue("INV-2026-00099", Today, Now));
    }

    [Fact]
    public void Lines_can_be_edited_and_removed_in_draft()
    {
        var invoice = Invoice.CreateDraft(NewClient(), Today, Now);
        var first = invoice.AddLine("A", 1m, 100, 0m);
        var second = invoice.AddLine("B", 2m, 100, 0m);

        invoice.UpdateLine(first, "A+", 3m, 100, 10m);
        invoice.RemoveLine(second);
        invoice.ChangeDueDate(Today.AddDays(3));

        var line = Assert.Single(invoice.Lines);
        Assert.Equal("A+", line.Description);
        Assert.Equal(1, line.Position);
        Assert.Equal(Eur(330), invoice.Total);
        Assert.Equal(Today.AddDays(3), invoice.DueDate);
        Assert.Equal(5, invoice.Version);
    }

    [Fact]
    public void Lines_cannot_be_edited_once_issued()
    {
        var invoice = Issued(NewClient(), 1000);
        var line = invoice.Lines[0];

        Throws(ErrorCodes.InvoiceNotDraft, () => invoice.AddLine("X", 1m, 1, 0m));
        Throws(ErrorCodes.InvoiceNotDraft, () => invoice.UpdateLine(line, "X", 1m, 1, 0m));
        Throws(ErrorCodes.InvoiceNotDraft, () => invoice.RemoveLine(line));
        Throws(ErrorCodes.InvoiceNotDraft, () => invoice.ChangeDueDate(Today));
        Assert.Equal(Eur(1000), invoice.Total);
    }

    [Fact]
    public void Updating_a_line_of_another_invoice_is_refused()
    {
        var invoice = Draft(NewClient(), 100);
        var other = Draft(NewClient(), 100);

        Throws(ErrorCodes.LineNotFound, () => invoice.UpdateLine(other.Lines[0], "X", 1m, 1, 0m));
    }

    [Fact]
    public void Invalid_line_update_changes_nothing()
    {
        var invoice = Draft(NewClient(), 100);
        var line = invoice.Lines[0];

        Throws(ErrorCodes.InvalidQuantity, () => invoice.UpdateLine(line, "X", 0m, 1, 0m));

        Assert.Equal("Tutoring", line.Description);
        Assert.Equal(Eur(100), invoice.Total);
    }

    [Fact]
    public void Overdue_means_open_and_past_due()
    {
        var due = Today;
        var open = Issued(NewClient(), 1000, due);
        var draft = Draft(NewClient(), 1000, due);
        var paid = Issued(NewClient(), 0, due);

        Assert.False(open.IsOverdue(due));
        Assert.True(open.IsOverdue(due.AddDays(1)));
        Assert.False(draft.IsOverdue(due.AddDays(1)));
        Assert.False(paid.IsOverdue(due.AddDays(1)));
    }

    [Fact]
    public void Void_from_draft_returns_nothing()
    {
        var client = NewClient();
        var invoice = Draft(client, 1000);

        var result = CreditRules.Void(client, invoice, Now, "Wrong client");

        Assert.Equal(InvoiceStatus.Void, invoice.Status);
        Assert.Equal(Eur(0), result.Returned);
        Assert.Null(result.Entry);
        Assert.Equal("Wrong client", invoice.VoidReason);
        Assert.Equal(Eur(0), invoice.StillToPay);
    }

    [Fact]
    public void Voiding_twice_is_refused()
    {
        var client = NewClient();
        var invoice = Issued(client, 1000);
        CreditRules.Void(client, invoice, Now);

        Throws(ErrorCodes.InvoiceAlreadyVoid, () => CreditRules.Void(client, invoice, Now));
    }

    [Fact]
    public void Paying_a_void_or_draft_invoice_from_credit_is_refused()
    {
        var client = NewClient(5000);
        var draft = Draft(client, 1000);
        var voided = Issued(client, 1000);
        CreditRules.Void(client, voided, Now);

        Throws(ErrorCodes.InvoiceNotOpen, () => CreditRules.PayFromCredit(client, draft, null, true, Now));
        Throws(ErrorCodes.InvoiceNotOpen, () => CreditRules.PayFromCredit(client, voided, null, true, Now));
    }
}
