using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.Credit;

public class CreditRulesTests
{
    // Seed FAQ: "the remaining credit will remain on their Client balance".
    [Fact]
    public void Issue_with_balance_at_least_total_marks_paid_and_keeps_the_rest_on_the_balance()
    {
        var client = NewClient(balanceMinor: 15000);
        var invoice = Issued(client, 10000);

        var applied = CreditRules.ApplyOnIssue(client, invoice, autoMarkPaid: true, Now);

        Assert.NotNull(applied);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(Eur(0), invoice.StillToPay);
        Assert.Equal(Eur(10000), invoice.AmountPaid);
        Assert.Equal(Eur(5000), client.Balance);
    }

    // Seed FAQ: "any credit ... will be deducted from the Invoice as a partial payment, and the remainder
    // will be reflected in the 'Still to pay' section".
    [Fact]
    public void Issue_with_balance_below_total_leaves_still_to_pay()
    {
        var client = NewClient(balanceMinor: 3000);
        var invoice = Issued(client, 10000);

        CreditRules.ApplyOnIssue(client, invoice, autoMarkPaid: true, Now);

        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(Eur(7000), invoice.StillToPay);
        Assert.Equal(Eur(0), client.Balance);
    }

    // Seed FAQ: "select the Pay From Credit button to make a full or partial payment".
    [Fact]
    public void Pay_from_credit_partial_then_full()
    {
        var client = NewClient(balanceMinor: 20000);
        var invoice = Issued(client, 10000);

        CreditRules.PayFromCredit(client, invoice, Eur(2500), autoMarkPaid: true, Now);

        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(Eur(7500), invoice.StillToPay);
        Assert.Equal(Eur(17500), client.Balance);

        var full = CreditRules.PayFromCredit(client, invoice, null, autoMarkPaid: true, Now);

        Assert.Equal(Eur(7500), full.Amount);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(Eur(0), invoice.StillToPay);
        Assert.Equal(Eur(10000), client.Balance);
    }

    [Fact]
    public void Issue_with_setting_off_leaves_credit_on_the_balance()
    {
        var client = NewClient(balanceMinor: 15000);
        var invoice = Issued(client, 10000);

        Assert.Null(CreditRules.ApplyOnIssue(client, invoice, autoMarkPaid: false, Now));

        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(Eur(15000), client.Balance);
    }

    [Fact]
    public void Issue_with_zero_balance_applies_nothing()
    {
        var client = NewClient();
        var invoice = Issued(client, 10000);

        Assert.Null(CreditRules.ApplyOnIssue(client, invoice, autoMarkPaid: true, Now));
        Assert.Empty(client.Entries);
    }

    [Fact]
    public void Credit_application_writes_a_ledger_entry_and_an_allocation_that_point_at_each_other()
    {
        var client = NewClient(balanceMinor: 3000);
        var invoice = Issued(client, 10000);

        var applied = CreditRules.ApplyOnIssue(client, invoice, true, Now)!;

        var allocation = Assert.Single(invoice.Allocations);
        var entry = client.Entries[^1];
        Assert.Same(allocation, applied.Allocation);
        Assert.Same(entry, applied.Entry);
        Assert.Equal(AllocationSource.Balance, allocation.Source);
        Assert.Same(entry, allocation.BalanceEntry);
        Assert.Same(allocation, entry.Allocation);
        Assert.Same(invoice, entry.Invoice);
        Assert.Equal(BalanceEntryKind.AppliedToInvoice, entry.Kind);
        Assert.Equal(-3000, entry.AmountMinor);
        Assert.Equal(0, entry.BalanceAfterMinor);
        Assert.Contains(invoice.DomainEvents, e => e is CreditApplied { Amount.Minor: 3000 });
        Assert.Contains(client.DomainEvents, e => e is BalanceChanged { Balance.Minor: 0 });
    }

    [Fact]
    public void Applying_credit_increments_both_versions()
    {
        var client = NewClient(balanceMinor: 3000);
        var invoice = Issued(client, 10000);
        var (clientVersion, invoiceVersion) = (client.Version, invoice.Version);

        CreditRules.PayFromCredit(client, invoice, Eur(100), true, Now);

        Assert.Equal(clientVersion + 1, client.Version);
        Assert.Equal(invoiceVersion + 1, invoice.Version);
    }

    [Fact]
    public void New_credit_pays_open_invoices_oldest_due_first_until_it_runs_out()
    {
        var client = NewClient();
        var late = Issued(client, 3000, Today.AddDays(30));
        var oldest = Issued(client, 4000, Today.AddDays(1));
        var middle = Issued(client, 5000, Today.AddDays(10));
        client.AdjustBalance(Eur(7000), "Prepaid by phone", Now);

        var applied = CreditRules.ApplyNewCredit(client, [late, oldest, middle], true, Now);

        Assert.Equal([oldest, middle], applied.Select(a => a.Invoice));
        Assert.Equal(InvoiceStatus.Paid, oldest.Status);
        Assert.Equal(Eur(2000), middle.StillToPay);
        Assert.Equal(Eur(3000), late.StillToPay);
        Assert.Equal(Eur(0), client.Balance);
    }

    [Fact]
    public void New_credit_with_equal_due_dates_pays_the_lowest_number_first()
    {
        var client = NewClient();
        var first = Issued(client, 3000, Today);
        var second = Issued(client, 3000, Today);
        client.AdjustBalance(Eur(3000), "Prepaid", Now);

        CreditRules.ApplyNewCredit(client, [second, first], true, Now);

        Assert.Equal(InvoiceStatus.Paid, first.Status);
        Assert.Equal(InvoiceStatus.Open, second.Status);
    }

    [Fact]
    public void New_credit_with_setting_off_stays_on_the_balance()
    {
        var client = NewClient(5000);
        var invoice = Issued(client, 3000);

        Assert.Empty(CreditRules.ApplyNewCredit(client, [invoice], false, Now));
        Assert.Equal(Eur(5000), client.Balance);
    }

    [Fact]
    public void New_credit_skips_invoices_that_are_not_open()
    {
        var client = NewClient();
        var draft = Draft(client, 1000, Today.AddDays(-10));
        var open = Issued(client, 1000);
        client.AdjustBalance(Eur(5000), "Prepaid", Now);

        CreditRules.ApplyNewCredit(client, [draft, open, open], true, Now);

        Assert.Equal(InvoiceStatus.Draft, draft.Status);
        Assert.Equal(InvoiceStatus.Paid, open.Status);
        Assert.Equal(Eur(4000), client.Balance);
    }

    [Fact]
    public void Pay_from_credit_requires_the_setting()
    {
        var client = NewClient(5000);
        var invoice = Issued(client, 3000);

        Throws(ErrorCodes.PayFromCreditDisabled, () => CreditRules.PayFromCredit(client, invoice, null, false, Now));
    }

    [Fact]
    public void Pay_from_credit_requires_a_balance()
    {
        var client = NewClient();
        var invoice = Issued(client, 3000);

        Throws(ErrorCodes.NoBalance, () => CreditRules.PayFromCredit(client, invoice, null, true, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2001)] // above the balance
    public void Pay_from_credit_amount_outside_one_cent_to_the_maximum_is_refused_and_changes_nothing(long minor)
    {
        var client = NewClient(2000);
        var invoice = Issued(client, 3000);

        var error = Throws(ErrorCodes.InvalidAmount, () => CreditRules.PayFromCredit(client, invoice, Eur(minor), true, Now));

        Assert.Equal("amount", error.Field);
        Assert.Contains("20.00", error.Message, StringComparison.Ordinal);
        Assert.Equal(Eur(2000), client.Balance);
        Assert.Empty(invoice.Allocations);
    }

    [Fact]
    public void Pay_from_credit_cannot_exceed_still_to_pay()
    {
        var client = NewClient(9000);
        var invoice = Issued(client, 3000);

        Assert.Equal("amount", Throws(ErrorCodes.InvalidAmount, () => CreditRules.PayFromCredit(client, invoice, Eur(3001), true, Now)).Field);
    }

    [Fact]
    public void Pay_from_credit_in_another_currency_is_refused()
    {
        var client = NewClient(9000);
        var invoice = Issued(client, 3000);

        Throws(ErrorCodes.CurrencyMismatch, () => CreditRules.PayFromCredit(client, invoice, new InvoiceHub.Domain.Money(100, Currency.USD), true, Now));
    }

    [Fact]
    public void Invoice_of_another_client_is_refused()
    {
        var client = NewClient(9000).WithId(1);
        var other = NewClient().WithId(2);
        var invoice = Issued(other, 3000);

        Throws(ErrorCodes.WrongClient, () => CreditRules.PayFromCredit(client, invoice, null, true, Now));
        Throws(ErrorCodes.WrongClient, () => CreditRules.ApplyNewCredit(client, [invoice], true, Now));
    }

    [Fact]
    public void Offline_payment_below_still_to_pay_is_a_partial_payment()
    {
        var client = NewClient();
        var invoice = Issued(client, 10000);
        var payment = OfflinePayment(client, 4000, invoice);

        var recorded = CreditRules.RecordPayment(client, invoice, payment, true, [], Now);

        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(Eur(6000), invoice.StillToPay);
        Assert.Equal(AllocationSource.Payment, recorded.Allocation!.Source);
        Assert.Same(payment, recorded.Allocation.Payment);
        Assert.Empty(recorded.BalanceEntries);
        Assert.Equal(Eur(0), client.Balance);
        Assert.Contains(invoice.DomainEvents, e => e is PaymentAllocated);
    }

    [Fact]
    public void Offline_overpayment_pays_the_invoice_and_puts_the_excess_on_the_balance()
    {
        var client = NewClient();
        var invoice = Issued(client, 10000);

        var recorded = CreditRules.RecordPayment(client, invoice, OfflinePayment(client, 12500), false, [], Now);

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(Eur(10000), invoice.AmountPaid);
        var entry = Assert.Single(recorded.BalanceEntries);
        Assert.Equal(BalanceEntryKind.Overpayment, entry.Kind);
        Assert.Equal(2500, entry.AmountMinor);
        Assert.Equal(Eur(2500), client.Balance);
    }

    [Fact]
    public void Overpayment_with_setting_on_pays_the_next_open_invoice()
    {
        var client = NewClient();
        var invoice = Issued(client, 10000, Today);
        var next = Issued(client, 2000, Today.AddDays(5));

        var recorded = CreditRules.RecordPayment(client, invoice, OfflinePayment(client, 11000), true, [invoice, next], Now);

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(Eur(1000), next.StillToPay);
        Assert.Single(recorded.CreditApplied);
        Assert.Equal(Eur(0), client.Balance);
    }

    [Fact]
    public void Payment_for_an_invoice_already_paid_goes_to_the_balance()
    {
        var client = NewClient(10000);
        var invoice = Issued(client, 10000);
        CreditRules.ApplyOnIssue(client, invoice, true, Now);

        CreditRules.RecordPayment(client, invoice, OfflinePayment(client, 10000), false, [], Now);

        Assert.Equal(Eur(10000), invoice.AmountPaid);
        Assert.Equal(Eur(10000), client.Balance);
    }

    [Fact]
    public void Payment_cannot_be_recorded_twice()
    {
        var client = NewClient();
        var invoice = Issued(client, 10000);
        var payment = OfflinePayment(client, 1000);
        CreditRules.RecordPayment(client, invoice, payment, false, [], Now);

        Throws(ErrorCodes.PaymentAlreadyRecorded, () => CreditRules.RecordPayment(client, invoice, payment, false, [], Now));
        Assert.Equal(Eur(1000), invoice.AmountPaid);
    }

    [Fact]
    public void Unpaid_online_payment_cannot_be_recorded()
    {
        var client = NewClient();
        var invoice = Issued(client, 10000);
        var payment = Payment.Start(client, Eur(10000), PaymentMethod.Card, PaymentProvider.Mollie, PaymentInitiator.Client, Now, forInvoice: invoice);

        Throws(ErrorCodes.PaymentNotPaid, () => CreditRules.RecordPayment(client, invoice, payment, false, [], Now));

        payment.ApplyStatus(PaymentStatus.Paid, Now);
        CreditRules.RecordPayment(client, invoice, payment, false, [], Now);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
    }

    [Fact]
    public void Payment_for_a_draft_invoice_is_refused()
    {
        var client = NewClient();
        var invoice = Draft(client, 10000);

        Throws(ErrorCodes.InvoiceNotOpen, () => CreditRules.RecordPayment(client, invoice, OfflinePayment(client, 100), false, [], Now));
    }

    [Fact]
    public void Payment_to_balance_credits_everything_as_overpayment()
    {
        var client = NewClient();

        var recorded = CreditRules.RecordPaymentToBalance(client, OfflinePayment(client, 700), false, [], Now);

        Assert.Equal(BalanceEntryKind.Overpayment, Assert.Single(recorded.BalanceEntries).Kind);
        Assert.Equal(Eur(700), client.Balance);
    }

    [Fact]
    public void Void_returns_every_allocation_to_the_balance_and_keeps_them_marked_voided()
    {
        var client = NewClient(3000);
        var invoice = Issued(client, 10000);
        CreditRules.ApplyOnIssue(client, invoice, true, Now);
        CreditRules.RecordPayment(client, invoice, OfflinePayment(client, 7000), false, [], Now);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);

        var voided = CreditRules.Void(client, invoice, Now.AddDays(1), "Issued twice");

        Assert.Equal(InvoiceStatus.Void, invoice.Status);
        Assert.Equal(Eur(10000), voided.Returned);
        Assert.Equal(Eur(10000), client.Balance);
        Assert.Equal(BalanceEntryKind.InvoiceVoided, voided.Entry!.Kind);
        Assert.Same(invoice, voided.Entry.Invoice);
        Assert.Equal(2, invoice.Allocations.Count);
        Assert.All(invoice.Allocations, a => Assert.True(a.IsVoided));
        Assert.Equal(Eur(10000), invoice.AmountPaid);
        Assert.Equal(Eur(0), invoice.StillToPay);
        Assert.Contains(invoice.DomainEvents, e => e is InvoiceVoided { ReturnedToBalance.Minor: 10000 });
    }

    [Fact]
    public void Void_of_an_open_partly_paid_invoice_returns_what_was_paid()
    {
        var client = NewClient();
        var invoice = Issued(client, 10000);
        CreditRules.RecordPayment(client, invoice, OfflinePayment(client, 2500), false, [], Now);

        var voided = CreditRules.Void(client, invoice, Now);

        Assert.Equal(Eur(2500), voided.Returned);
        Assert.Equal(Eur(2500), client.Balance);
    }
}
