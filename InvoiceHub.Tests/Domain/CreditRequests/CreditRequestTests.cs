using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.CreditRequests;

public class CreditRequestTests
{
    [Fact]
    public void New_credit_request_is_open()
    {
        var client = NewClient().WithId(4);

        var request = CreditRequest.Create(client, Eur(10000), "Ten lessons", Today.AddDays(7), Now);

        Assert.Equal(CreditRequestStatus.Open, request.Status);
        Assert.Equal(4, request.ClientId);
        Assert.Equal(Eur(10000), request.Amount);
        Assert.False(request.IsOverdue(Today.AddDays(7)));
        Assert.True(request.IsOverdue(Today.AddDays(8)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Amount_must_be_more_than_zero(long minor)
    {
        Assert.Equal("amount", Throws(ErrorCodes.InvalidAmount, () => CreditRequest.Create(NewClient(), Eur(minor), "Top-up", null, Now)).Field);
    }

    [Fact]
    public void Description_is_required()
    {
        Assert.Equal("description", Throws(ErrorCodes.InvalidDescription, () => CreditRequest.Create(NewClient(), Eur(100), " ", null, Now)).Field);
    }

    [Fact]
    public void Paying_it_credits_the_client_balance()
    {
        var client = NewClient();
        var request = CreditRequest.Create(client, Eur(10000), "Ten lessons", null, Now);
        var payment = OfflinePayment(client, 10000);

        var recorded = CreditRules.RecordCreditRequestPayment(client, request, payment, false, [], Now);

        Assert.Equal(CreditRequestStatus.Paid, request.Status);
        Assert.Same(payment, request.Payment);
        Assert.Equal(Eur(10000), client.Balance);
        var entry = Assert.Single(recorded.BalanceEntries);
        Assert.Equal(BalanceEntryKind.CreditRequestPaid, entry.Kind);
        Assert.Same(request, entry.CreditRequest);
        Assert.Same(payment, entry.Payment);
        Assert.True(payment.IsRecorded);
        Assert.Contains(request.DomainEvents, e => e is CreditRequestPaid);
    }

    [Fact]
    public void Paying_more_than_requested_puts_the_excess_on_the_balance_too()
    {
        var client = NewClient();
        var request = CreditRequest.Create(client, Eur(10000), "Ten lessons", null, Now);

        var recorded = CreditRules.RecordCreditRequestPayment(client, request, OfflinePayment(client, 12000), false, [], Now);

        Assert.Equal(Eur(12000), client.Balance);
        Assert.Equal([BalanceEntryKind.CreditRequestPaid, BalanceEntryKind.Overpayment], recorded.BalanceEntries.Select(e => e.Kind));
        Assert.Equal([10000L, 2000L], recorded.BalanceEntries.Select(e => e.AmountMinor));
    }

    [Fact]
    public void Paid_credit_request_with_setting_on_pays_open_invoices()
    {
        var client = NewClient();
        var invoice = Issued(client, 4000);
        var request = CreditRequest.Create(client, Eur(10000), "Ten lessons", null, Now);

        var recorded = CreditRules.RecordCreditRequestPayment(client, request, OfflinePayment(client, 10000), true, [invoice], Now);

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(Eur(6000), client.Balance);
        Assert.Single(recorded.CreditApplied);
    }

    [Fact]
    public void Payment_smaller_than_the_request_is_refused_and_changes_nothing()
    {
        var client = NewClient();
        var request = CreditRequest.Create(client, Eur(10000), "Ten lessons", null, Now);
        var payment = OfflinePayment(client, 9999);

        Assert.Equal("amount", Throws(ErrorCodes.PaymentDoesNotCover, () => CreditRules.RecordCreditRequestPayment(client, request, payment, true, [], Now)).Field);

        Assert.Equal(CreditRequestStatus.Open, request.Status);
        Assert.Equal(Eur(0), client.Balance);
        Assert.False(payment.IsRecorded);
    }

    [Fact]
    public void Paying_a_cancelled_credit_request_is_refused()
    {
        var client = NewClient();
        var request = CreditRequest.Create(client, Eur(10000), "Ten lessons", null, Now);
        request.Cancel(Now);

        Throws(ErrorCodes.CreditRequestNotOpen, () => CreditRules.RecordCreditRequestPayment(client, request, OfflinePayment(client, 10000), true, [], Now));
        Assert.Equal(CreditRequestStatus.Cancelled, request.Status);
        Assert.Equal(Eur(0), client.Balance);
    }

    [Fact]
    public void Paying_a_paid_credit_request_again_is_refused()
    {
        var client = NewClient();
        var request = CreditRequest.Create(client, Eur(10000), "Ten lessons", null, Now);
        CreditRules.RecordCreditRequestPayment(client, request, OfflinePayment(client, 10000), false, [], Now);

        Throws(ErrorCodes.CreditRequestNotOpen, () => CreditRules.RecordCreditRequestPayment(client, request, OfflinePayment(client, 10000), false, [], Now));
        Assert.Equal(Eur(10000), client.Balance);
    }

    [Fact]
    public void Cancelling_is_possible_only_while_open()
    {
        var client = NewClient();
        var request = CreditRequest.Create(client, Eur(100), "Top-up", null, Now);

        request.Cancel(Now);

        Assert.Equal(CreditRequestStatus.Cancelled, request.Status);
        Assert.Equal(1, request.Version);
        Throws(ErrorCodes.CreditRequestNotOpen, () => request.Cancel(Now));
    }
}
