using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Payments;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.Payments;

public class PaymentTests
{
    public static TheoryData<PaymentStatus, PaymentStatus> LegalMoves => new()
    {
        { PaymentStatus.Open, PaymentStatus.Pending },
        { PaymentStatus.Open, PaymentStatus.Authorized },
        { PaymentStatus.Open, PaymentStatus.Paid },
        { PaymentStatus.Open, PaymentStatus.Canceled },
        { PaymentStatus.Open, PaymentStatus.Expired },
        { PaymentStatus.Open, PaymentStatus.Failed },
        { PaymentStatus.Pending, PaymentStatus.Paid },
        { PaymentStatus.Pending, PaymentStatus.Authorized },
        { PaymentStatus.Pending, PaymentStatus.Failed },
        { PaymentStatus.Authorized, PaymentStatus.Paid },
        { PaymentStatus.Authorized, PaymentStatus.Canceled },
        { PaymentStatus.Authorized, PaymentStatus.Expired },
        { PaymentStatus.Paid, PaymentStatus.Refunded },
        { PaymentStatus.Paid, PaymentStatus.ChargedBack },
    };

    [Fact]
    public void Started_payment_is_open()
    {
        var client = NewClient().WithId(3);

        var payment = Payment.Start(client, Eur(1250), PaymentMethod.Ideal, PaymentProvider.Mollie, PaymentInitiator.Client, Now);

        Assert.Equal(PaymentStatus.Open, payment.Status);
        Assert.Equal(3, payment.ClientId);
        Assert.Equal(Eur(1250), payment.Amount);
        Assert.Null(payment.PaidAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Payment_must_be_for_more_than_zero(long minor)
    {
        Throws(ErrorCodes.InvalidAmount, () => Payment.Start(NewClient(), Eur(minor), PaymentMethod.Card, PaymentProvider.Mollie, PaymentInitiator.Client, Now));
    }

    [Fact]
    public void Offline_payment_is_paid_on_the_day_received()
    {
        var received = Today.AddDays(-2);

        var payment = Payment.RecordOffline(NewClient(), Eur(500), PaymentMethod.BankTransfer, received, Now, "  REF 123 ");

        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.Equal(PaymentProvider.WireTransfer, payment.Provider);
        Assert.Equal(PaymentInitiator.Staff, payment.InitiatedBy);
        Assert.Equal(received, payment.ReceivedOn);
        Assert.Equal("REF 123", payment.Reference);
        var changed = Assert.IsType<PaymentStatusChanged>(Assert.Single(payment.DomainEvents));
        Assert.Null(changed.From);
    }

    [Theory]
    [InlineData(PaymentMethod.Card)]
    [InlineData(PaymentMethod.Balance)]
    [InlineData(PaymentMethod.Ideal)]
    public void Offline_payment_is_cash_cheque_or_bank_transfer(PaymentMethod method)
    {
        Assert.Equal("method", Throws(ErrorCodes.InvalidOfflineMethod, () => Payment.RecordOffline(NewClient(), Eur(500), method, Today, Now)).Field);
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void Legal_status_change_is_applied_once(PaymentStatus from, PaymentStatus to)
    {
        var payment = PaymentIn(from);
        var version = payment.Version;
        payment.ClearDomainEvents();

        Assert.True(payment.ApplyStatus(to, Now.AddMinutes(5)));
        Assert.False(payment.ApplyStatus(to, Now.AddMinutes(6)));

        Assert.Equal(to, payment.Status);
        Assert.Equal(version + 1, payment.Version);
        Assert.Equal(Now.AddMinutes(5), payment.StatusChangedAt);
        var changed = Assert.IsType<PaymentStatusChanged>(Assert.Single(payment.DomainEvents));
        Assert.Equal(from, changed.From);
        Assert.Equal(to, changed.To);
    }

    [Fact]
    public void Every_move_outside_the_table_is_refused()
    {
        var legal = LegalMoves.Select(row => ((PaymentStatus)row[0], (PaymentStatus)row[1])).ToHashSet();
        var refused = 0;
        foreach (var from in Enum.GetValues<PaymentStatus>())
        {
            foreach (var to in Enum.GetValues<PaymentStatus>())
            {
                if (from == to || legal.Contains((from, to)))
                {
                    continue;
                }

                var payment = PaymentIn(from);
                Assert.False(payment.CanChangeTo(to));
                Throws(ErrorCodes.InvalidPaymentTransition, () => payment.ApplyStatus(to, Now));
                Assert.Equal(from, payment.Status);
                refused++;
            }
        }

        Assert.Equal((9 * 8) - legal.Count, refused);
    }

    [Fact]
    public void Paid_sets_paid_at_and_received_on()
    {
        var payment = PaymentIn(PaymentStatus.Open);

        payment.ApplyStatus(PaymentStatus.Paid, Now);

        Assert.Equal(Now, payment.PaidAt);
        Assert.Equal(new DateOnly(2026, 3, 2), payment.ReceivedOn);
    }

    [Fact]
    public void Provider_id_is_set_once()
    {
        var payment = PaymentIn(PaymentStatus.Open);

        payment.AssignProviderId("tr_abc");
        payment.AssignProviderId("tr_abc");

        Assert.Equal("tr_abc", payment.ProviderPaymentId);
        Throws(ErrorCodes.ProviderIdAlreadySet, () => payment.AssignProviderId("tr_other"));
    }

    private static Payment PaymentIn(PaymentStatus status)
    {
        var payment = Payment.Start(NewClient(), Eur(1000), PaymentMethod.Card, PaymentProvider.Mollie, PaymentInitiator.Client, Now);
        PaymentStatus[] path = status switch
        {
            PaymentStatus.Open => [],
            PaymentStatus.Refunded or PaymentStatus.ChargedBack => [PaymentStatus.Paid, status],
            _ => [status],
        };
        foreach (var step in path)
        {
            payment.ApplyStatus(step, Now);
        }

        return payment;
    }
}
