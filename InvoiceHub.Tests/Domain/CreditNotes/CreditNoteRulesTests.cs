using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.CreditNotes;

public class CreditNoteRulesTests
{
    private static int _sequence;

    [Fact]
    public void Full_credit_of_an_unpaid_invoice_credits_every_line_at_its_rate_and_voids_it()
    {
        var client = NewClient();
        var invoice = MixedVat(client);

        var issued = CreditNoteRules.Issue(client, invoice, null, PaidMoneyDestination.Balance, "Cancelled", "finance", Now);

        var note = issued.CreditNote;
        Assert.Equal(invoice.TotalMinor, note.TotalMinor);
        Assert.Equal([(21m, 10_000L, 2_100L), (9m, 1_000L, 90L)], note.VatPerRate());
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
        Assert.Equal(0, invoice.StillToPayMinor);
        Assert.Equal(0, invoice.MoneyPaidMinor);
        Assert.Empty(issued.Refunds);
        Assert.Empty(client.Entries);
    }

    [Fact]
    public void Credit_on_a_paid_invoice_returns_credit_first_then_the_payment_money_to_the_balance_and_keeps_it_paid()
    {
        var client = NewClient(balanceMinor: 2_000);
        var invoice = Issued(client, 10_000);
        CreditRules.ApplyOnIssue(client, invoice, autoMarkPaid: true, Now);
        var cash = OfflinePayment(client, 8_000, invoice);
        CreditRules.RecordPayment(client, invoice, cash, autoMarkPaid: true, [], Now);

        var issued = CreditNoteRules.Issue(client, invoice, [new CreditedLine(1, 3_000)], PaidMoneyDestination.Balance, null, "finance", Now);

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(7_000, invoice.MoneyPaidMinor);
        Assert.Equal(3_000, client.BalanceMinor);
        Assert.Equal([(BalanceEntryKind.CreditReturned, 2_000L), (BalanceEntryKind.CreditNoteToBalance, 1_000L)],
            issued.BalanceEntries.Select(e => (e.Kind, e.AmountMinor)));
        Assert.Same(cash, issued.BalanceEntries[1].Payment);
        var returnedCredit = invoice.Allocations.Single(a => a.Source == AllocationSource.Balance && a.AmountMinor < 0);
        Assert.Same(returnedCredit, returnedCredit.BalanceEntry!.Allocation);
        Assert.Equal((3_000L, 0L), (issued.CreditNote.ToBalanceMinor, issued.CreditNote.ToPayerMinor));
        Assert.Equal(7_000, invoice.Lines[0].CreditableMinor);
    }

    [Fact]
    public void Credit_to_the_payer_refunds_the_Mollie_payment_of_the_invoice_and_puts_the_rest_on_the_balance()
    {
        var client = NewClient();
        var invoice = Issued(client, 10_000);
        var cash = OfflinePayment(client, 4_000, invoice);
        CreditRules.RecordPayment(client, invoice, cash, autoMarkPaid: false, [], Now);
        var card = PaidOnline(client, 6_000, invoice);
        CreditRules.RecordPayment(client, invoice, card, autoMarkPaid: false, [], Now);

        var issued = CreditNoteRules.Issue(client, invoice, null, PaidMoneyDestination.Payer, "Wrong client", "finance", Now);

        var refund = Assert.Single(issued.Refunds);
        Assert.Equal((6_000L, RefundDestination.Payer, RefundStatus.Pending), (refund.AmountMinor, refund.Destination, refund.Status));
        Assert.Equal(PaymentStatus.Refunded, card.Status);
        Assert.Equal(4_000, client.BalanceMinor);
        Assert.Equal((4_000L, 6_000L), (issued.CreditNote.ToBalanceMinor, issued.CreditNote.ToPayerMinor));
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
    }

    [Fact]
    public void More_than_a_line_still_owes_or_a_line_that_is_not_there_is_refused_and_changes_nothing()
    {
        var client = NewClient();
        var invoice = MixedVat(client);
        CreditNoteRules.Issue(client, invoice, [new CreditedLine(2, 1_000)], PaidMoneyDestination.Balance, null, "finance", Now);
        var version = invoice.Version;

        Throws(ErrorCodes.CreditExceedsCreditable, () => CreditNoteRules.Issue(client, invoice, [new CreditedLine(2, 91)], PaidMoneyDestination.Balance, null, "finance", Now));
        Throws(ErrorCodes.LineNotFound, () => CreditNoteRules.Issue(client, invoice, [new CreditedLine(3, 1)], PaidMoneyDestination.Balance, null, "finance", Now));
        Throws(ErrorCodes.CreditExceedsCreditable, () => CreditNoteRules.SpreadOverLines(invoice, invoice.CreditableMinor + 1));
        Throws(ErrorCodes.InvoiceNotCreditable, () => CreditNoteRules.Issue(client, Draft(client, 1_000), null, PaidMoneyDestination.Balance, null, "finance", Now));

        Assert.Equal(version, invoice.Version);
        Assert.Equal(1_000, invoice.CreditedMinor);
    }

    [Fact]
    public void An_amount_is_spread_over_the_lines_in_proportion_and_adds_up_exactly()
    {
        var client = NewClient();
        var invoice = MixedVat(client);

        var lines = CreditNoteRules.SpreadOverLines(invoice, 1_001);

        Assert.Equal(1_001, lines.Sum(l => l.AmountMinor));
        Assert.Equal([(1, 918L), (2, 83L)], lines.Select(l => (l.InvoiceLinePosition, l.AmountMinor)));
    }

    [Fact]
    public void A_refund_that_credits_the_invoice_leaves_it_paid_and_one_that_reopens_it_takes_the_balance_first()
    {
        var client = NewClient();
        var credited = Issued(client, 5_000);
        var reopened = Issued(client, 5_000);
        var first = PaidOnline(client, 5_000, credited);
        CreditRules.RecordPayment(client, credited, first, autoMarkPaid: true, [], Now);
        var second = PaidOnline(client, 5_000, reopened);
        CreditRules.RecordPayment(client, reopened, second, autoMarkPaid: true, [], Now);
        client.AdjustBalance(Eur(1_500), "Goodwill", Now);

        var creditRefund = RefundRules.Refund(client, first, [credited], 0, Eur(2_000), RefundDestination.Payer, "Lesson cancelled", "finance", Now);
        var notes = CreditNoteRules.CreditRefund(client, creditRefund, [credited], "finance", Now);
        var reopenRefund = RefundRules.Refund(client, second, [reopened], 0, Eur(2_000), RefundDestination.Payer, "Lesson cancelled", "finance", Now);
        var applied = CreditRules.ApplyOnReopen(client, RefundRules.TakenFrom(reopenRefund, [reopened]), autoMarkPaid: true, Now);

        Assert.Equal(2_000, Assert.Single(notes).TotalMinor);
        Assert.Equal((InvoiceStatus.Paid, 0L), (credited.Status, credited.StillToPayMinor));
        Assert.Equal(1_500, Assert.Single(applied).Amount.Minor);
        Assert.Equal((InvoiceStatus.Open, 500L, 0L), (reopened.Status, reopened.StillToPayMinor, client.BalanceMinor));
    }

    [Fact]
    public void With_the_setting_off_a_reopened_invoice_leaves_the_balance_alone()
    {
        var client = NewClient();
        var invoice = Issued(client, 5_000);
        var payment = PaidOnline(client, 5_000, invoice);
        CreditRules.RecordPayment(client, invoice, payment, autoMarkPaid: false, [], Now);
        client.AdjustBalance(Eur(1_500), "Goodwill", Now);
        var refund = RefundRules.Refund(client, payment, [invoice], 0, Eur(5_000), RefundDestination.Payer, "Cancelled", "finance", Now);

        Assert.Empty(CreditRules.ApplyOnReopen(client, RefundRules.TakenFrom(refund, [invoice]), autoMarkPaid: false, Now));
        Assert.Equal((5_000L, 1_500L), (invoice.StillToPayMinor, client.BalanceMinor));
    }

    [Fact]
    public void A_chargeback_counts_as_reopening_only_the_invoices_it_took_the_payment_money_off()
    {
        var client = NewClient();
        var paidByCard = Issued(client, 3_000);
        var paidByCredit = Issued(client, 2_000);
        var card = PaidOnline(client, 5_000, paidByCard);
        CreditRules.RecordPayment(client, paidByCard, card, autoMarkPaid: true, [paidByCredit], Now);
        Assert.Equal(InvoiceStatus.Paid, paidByCredit.Status);

        var chargeback = ChargebackRules.ChargeBack(client, card, "chb_cn1", Eur(5_000), "MD06", [paidByCard], [paidByCredit],
            client.Entries.Where(e => e.Payment == card).Sum(e => e.AmountMinor), [], Now, Now);

        Assert.Equal([paidByCard], ChargebackRules.ReopenedByPayment(chargeback, [paidByCard, paidByCredit]));
        Assert.Equal(InvoiceStatus.Open, paidByCredit.Status);
    }

    [Fact]
    public void Numbers_are_CN_year_sequence_and_must_match_the_issue_year()
    {
        var client = NewClient();
        var note = CreditNoteRules.Issue(client, Issued(client, 1_000), null, PaidMoneyDestination.Balance, null, "finance", Now).CreditNote;

        Assert.Equal("CN-2026-00042", CreditNoteNumber.Format(2026, 42));
        Throws(ErrorCodes.InvalidCreditNoteNumber, () => note.AssignNumber("CN-2025-00001", Today));
        Throws(ErrorCodes.InvalidCreditNoteNumber, () => note.AssignNumber("INV-2026-00001", Today));
        note.AssignNumber("CN-2026-00001", Today);
        Assert.Equal(("CN-2026-00001", Today), (note.Number, note.IssuedOn));
    }

    private static Invoice MixedVat(Client client)
    {
        var invoice = Invoice.CreateDraft(client, Today.AddDays(14), Now);
        invoice.AddLine("Tutoring", 1m, 10_000, 21m);
        invoice.AddLine("Workbook", 1m, 1_000, 9m);
        invoice.Issue(NextNumber(), Today, Now);
        return invoice;
    }

    private static Payment PaidOnline(Client client, long amountMinor, Invoice? invoice = null)
    {
        var payment = Payment.Start(client, Eur(amountMinor), PaymentMethod.Card, PaymentProvider.Mollie, PaymentInitiator.Client, Now, forInvoice: invoice);
        payment.AssignProviderId($"tr_cn{Interlocked.Increment(ref _sequence)}");
        payment.ApplyStatus(PaymentStatus.Paid, Now);
        return payment;
    }
}
