using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.Credit;

public class ChargebackRulesTests
{
    [Fact]
    public void Charged_back_invoice_payment_reopens_the_invoice_and_a_reversal_pays_it_again()
    {
        var client = NewClient();
        var invoice = Issued(client, 10_000);
        var payment = PaidOnline(client, 10_000, invoice: invoice);
        CreditRules.RecordPayment(client, invoice, payment, autoMarkPaid: true, [], Now);

        var chargeback = ChargeBack(client, payment, 10_000, [invoice], [], request: null);

        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(10_000, invoice.StillToPayMinor);
        Assert.Equal(PaymentStatus.ChargedBack, payment.Status);
        Assert.Equal(0, client.BalanceMinor);
        Assert.Equal(0, chargeback.FromBalanceMinor);

        ChargebackRules.Reverse(client, payment, chargeback, [invoice], [invoice], [], Ledger(client, payment), autoMarkPaid: false, Now);

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.Equal(0, client.BalanceMinor);
    }

    [Fact]
    public void Charged_back_top_up_that_paid_two_invoices_reopens_them_newest_first_and_leaves_the_balance_at_zero()
    {
        var client = NewClient();
        var older = Issued(client, 4_000, Today.AddDays(5));
        var newer = Issued(client, 6_000, Today.AddDays(20));
        var request = CreditRequest.Create(client, Eur(10_000), "Top-up", null, Now);
        var payment = PaidOnline(client, 10_000, request: request);
        CreditRules.RecordCreditRequestPayment(client, request, payment, autoMarkPaid: true, [older, newer], Now);
        Assert.Equal((InvoiceStatus.Paid, InvoiceStatus.Paid, 0L), (older.Status, newer.Status, client.BalanceMinor));

        // 7,000 of 10,000 back: the newer invoice gives up all its credit, the older one 1,000.
        var partial = ChargeBack(client, payment, 7_000, [], [older, newer], request);

        Assert.Equal(6_000, newer.StillToPayMinor);
        Assert.Equal(1_000, older.StillToPayMinor);
        Assert.Equal(0, client.BalanceMinor);
        Assert.Equal(CreditRequestStatus.Open, request.Status);

        var rest = ChargeBack(client, payment, 3_000, [], [older, newer], request);

        Assert.Equal((4_000L, 6_000L, 0L), (older.StillToPayMinor, newer.StillToPayMinor, client.BalanceMinor));
        Assert.Equal(0, rest.ShortfallMinor);
        Assert.Equal(-10_000, client.Entries.Where(e => e.Kind == BalanceEntryKind.ChargedBack).Sum(e => e.AmountMinor));

        ChargebackRules.Reverse(client, payment, rest, [older], [older, newer], [request], Ledger(client, payment), autoMarkPaid: false, Now);
        ChargebackRules.Reverse(client, payment, partial, [older, newer], [older, newer], [request], Ledger(client, payment), autoMarkPaid: false, Now);

        Assert.Equal((InvoiceStatus.Paid, InvoiceStatus.Paid, 0L), (older.Status, newer.Status, client.BalanceMinor));
        Assert.Equal(CreditRequestStatus.Paid, request.Status);
        Assert.Equal(PaymentStatus.Paid, payment.Status);
    }

    [Fact]
    public void Charged_back_payment_for_an_invoice_and_a_credit_request_takes_the_request_s_credit_back_and_a_reversal_pays_it_again()
    {
        var client = NewClient();
        var invoice = Issued(client, 4_000);
        var request = CreditRequest.Create(client, Eur(3_000), "Top-up", null, Now);
        var payment = PaidOnline(client, 7_000);
        CreditRules.RecordPaymentForSeveral(client, payment, [invoice], [request], autoMarkPaid: false, [], Now);
        Assert.Equal((InvoiceStatus.Paid, CreditRequestStatus.Paid, 3_000L), (invoice.Status, request.Status, client.BalanceMinor));

        // 3,000 back: the credit request's credit leaves the balance, the invoice keeps the rest of the payment.
        var chargeback = ChargeBack(client, payment, 3_000, [invoice], [], request);

        Assert.Equal((InvoiceStatus.Paid, CreditRequestStatus.Open, 0L), (invoice.Status, request.Status, client.BalanceMinor));
        Assert.True(chargeback.ReopenedCreditRequest);

        ChargebackRules.Reverse(client, payment, chargeback, [], [], [request], Ledger(client, payment), autoMarkPaid: false, Now);

        Assert.Equal((InvoiceStatus.Paid, CreditRequestStatus.Paid, 3_000L), (invoice.Status, request.Status, client.BalanceMinor));
    }

    [Fact]
    public void Chargeback_of_an_offline_payment_or_beyond_the_payment_is_refused_and_changes_nothing()
    {
        var client = NewClient();
        var invoice = Issued(client, 5_000);
        var cash = OfflinePayment(client, 5_000, invoice);
        CreditRules.RecordPayment(client, invoice, cash, autoMarkPaid: false, [], Now);

        Throws(ErrorCodes.ChargebackNotPossible, () => ChargeBack(client, cash, 5_000, [invoice], [], null));
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);

        var online = PaidOnline(client, 2_000);
        CreditRules.RecordPaymentToBalance(client, online, autoMarkPaid: false, [], Now);
        Throws(ErrorCodes.ChargebackNotPossible, () => ChargeBack(client, online, 2_001, [], [], null));
        Assert.Equal((2_000L, PaymentStatus.Paid), (client.BalanceMinor, online.Status));
    }

    private static int _sequence;

    private static Payment PaidOnline(Client client, long amountMinor, Invoice? invoice = null, CreditRequest? request = null)
    {
        var payment = Payment.Start(client, Eur(amountMinor), PaymentMethod.DirectDebit, PaymentProvider.Mollie, PaymentInitiator.AutoCharge, Now,
            forInvoice: invoice, forCreditRequest: request);
        payment.AssignProviderId($"tr_cb{++_sequence}");
        payment.ApplyStatus(PaymentStatus.Paid, Now);
        return payment;
    }

    private static Chargeback ChargeBack(Client client, Payment payment, long amountMinor, IReadOnlyList<Invoice> paid, IReadOnlyList<Invoice> creditPaid, CreditRequest? request) =>
        ChargebackRules.ChargeBack(client, payment, $"chb_{++_sequence}", Eur(amountMinor), "MD06: Refund request by end customer", paid, creditPaid,
            Ledger(client, payment), request is null ? [] : [request], Now, Now);

    private static long Ledger(Client client, Payment payment) => client.Entries.Where(e => e.Payment == payment).Sum(e => e.AmountMinor);
}
