using FsCheck;
using FsCheck.Fluent;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using Xunit.Abstractions;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.Credit;

/// <summary>
/// Random sequences of what staff, clients and webhooks do to one client, checked after every step.
///
/// Conservation, per client. Money enters the client's account only as recorded paid payments (for
/// invoices, credit requests or straight to the balance) and positive manual adjustments; it leaves only
/// as negative manual adjustments, active refunds to the payer (a refund that fails brings it back) and what
/// chargebacks took (a reversed chargeback brings it back).
/// Entered money is either on the balance or allocated to an invoice (a refund's negative allocation takes
/// some back), and voiding an invoice moves its allocations back onto the balance. A credit note is an allocation that
/// is no money: it settles part of the total, and what was paid beyond what the invoice then owes leaves it (onto the
/// balance, or to the payer as a refund). Hence after every step:
///
///   Σ recorded payments + Σ positive adjustments − Σ |negative adjustments| − Σ active refunds to the payer
///     − Σ taken by chargebacks not reversed
///     == balance + Σ amounts of the non-voided money allocations (exactly those of non-void invoices)
///
/// and no payment is ever refunded or charged back beyond what it paid; a chargeback takes all it asks for unless
/// the payment was refunded to the payer before (the shortfall).
///
/// Also: the ledger sums to the cached balance and every entry's BalanceAfter is the running sum; the
/// balance is never negative; no invoice has AmountPaid above its Total or different from the sum of its
/// allocations; an issued, non-void invoice is Paid exactly when fully paid; every credit allocation and
/// its AppliedToInvoice (or, taken back by a chargeback, CreditUnapplied; by a credit note, CreditReturned) entry point at
/// each other with opposite amounts; credit notes never credit more than an invoice's total or a line's, and an invoice
/// credited in full is Void; an invoice a refund or chargeback reopened takes the balance first when the setting is on;
/// rules 1 and 2 leave no usable
/// credit behind when the setting is on. A step the model predicts to be invalid must throw a
/// DomainException and leave every aggregate exactly as it was.
/// </summary>
public class CreditPropertyTests(ITestOutputHelper output)
{
    private const int Sequences = 1000;
    private const int MaxOperations = 40;

    private int _sequencesRun;
    private int _operationsRun;
    private int _refusedOperations;
    private int _refunds;
    private int _failedRefunds;
    private int _several;
    private int _chargebacks;
    private int _reversedChargebacks;
    private int _mixedChargebacks;
    private int _creditNotes;

    private enum Op
    {
        Issue,
        PayOffline,
        PayFromCredit,
        AdjustBalance,
        Void,
        TopUp,
        ToggleAutoMarkPaid,
        ApplyNewCredit,
        Refund,
        FailRefund,
        PaySeveral,
        ChargeBack,
        ReverseChargeback,
        CreditNote,
    }

    [Fact]
    public void Random_sequences_keep_the_client_money_conserved()
    {
        var step = from op in Gen.Elements(Enum.GetValues<Op>())
                   from target in Gen.Choose(0, 9)
                   from amount in Gen.Choose(1, 30_000)
                   from variant in Gen.Choose(0, 5)
                   select new Step(op, target, amount, variant);
        var sequence = from length in Gen.Choose(1, MaxOperations)
                       from steps in Gen.ArrayOf(step, length)
                       from autoMarkPaid in Gen.Elements(true, false)
                       select new Scenario(autoMarkPaid, steps);

        var property = Prop.ForAll(Arb.From(sequence), Run);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Sequences), property);

        output.WriteLine(
            $"{_sequencesRun} sequences, {_operationsRun} operations ({_refusedOperations} refused as invalid), " +
            $"up to {MaxOperations} operations each; {_refunds} refunds made, {_failedRefunds} of them failed later; {_several} payments for several documents; " +
            $"{_chargebacks} chargebacks, {_reversedChargebacks} of them reversed, {_mixedChargebacks} of payments for invoices and credit requests; {_creditNotes} credit notes.");
        Assert.True(_sequencesRun >= Sequences);
        Assert.True(_refunds > Sequences / 20 && _failedRefunds > 0, "The sequences hardly refund; the generator no longer reaches refunds.");
        Assert.True(_chargebacks > Sequences / 20 && _reversedChargebacks > 0, "The sequences hardly charge back; the generator no longer reaches chargebacks.");
        Assert.True(_mixedChargebacks > 0, "No chargeback of a payment for invoices and credit requests; the generator no longer reaches the mixed case.");
        Assert.True(_creditNotes > Sequences / 5, "The sequences hardly credit invoices; the generator no longer reaches credit notes.");
    }

    private void Run(Scenario scenario)
    {
        var model = new Model(scenario.AutoMarkPaid);
        _sequencesRun++;
        foreach (var step in scenario.Steps)
        {
            _operationsRun++;
            if (!model.Apply(step))
            {
                _refusedOperations++;
            }

            model.AssertInvariants(step);
        }

        _refunds += model.Refunds.Count;
        _failedRefunds += model.Refunds.Count(r => !r.IsActive);
        _several += model.SeveralCount;
        _chargebacks += model.Chargebacks.Count;
        _reversedChargebacks += model.Chargebacks.Count(c => c.IsReversed);
        _mixedChargebacks += model.MixedChargebacks;
        _creditNotes += model.CreditNotes.Count;
    }

    public sealed record Scenario(bool AutoMarkPaid, Step[] Steps)
    {
        public override string ToString() => $"autoMarkPaid={AutoMarkPaid}: {string.Join("; ", Steps.Select(s => s.ToString()))}";
    }

    public sealed record Step(object Op, int Target, int Amount, int Variant)
    {
        public override string ToString() => $"{Op}({Target},{Amount},{Variant})";
    }

    private sealed class Model(bool autoMarkPaid)
    {
        private readonly Client _client = NewClient();
        private readonly List<Invoice> _invoices = [];
        private readonly List<Payment> _payments = [];
        private readonly List<Refund> _refunds = [];
        private readonly List<Chargeback> _chargebacks = [];
        private readonly Dictionary<Payment, List<CreditRequest>> _requestsPaidBy = [];
        private readonly List<CreditNote> _creditNotes = [];
        private bool _autoMarkPaid = autoMarkPaid;
        private long _paymentsIn;
        private long _adjustmentsIn;
        private long _adjustmentsOut;
        private int _sequence;
        private DateTimeOffset _now = Now;

        public IReadOnlyList<Refund> Refunds => _refunds;

        public IReadOnlyList<Chargeback> Chargebacks => _chargebacks;

        /// <summary>Chargebacks of a payment for several documents that paid credit requests next to invoices.</summary>
        public int MixedChargebacks => _chargebacks.Count(c => c.Payment!.CreditRequest is null && _requestsPaidBy.GetValueOrDefault(c.Payment) is { Count: > 0 });
        public IReadOnlyList<CreditNote> CreditNotes => _creditNotes;

        public int SeveralCount => _payments.Count(p => p.Invoice is null && p.CreditRequest is null && p.Provider == PaymentProvider.Mollie);

        private IEnumerable<Invoice> OpenInvoices => _invoices.Where(i => i.Status == InvoiceStatus.Open);

        /// <summary>Performs the step; returns false when it was (correctly) refused.</summary>
        public bool Apply(Step step)
        {
            _now = _now.AddMinutes(1);
            return (Op)step.Op switch
            {
                Op.Issue => Issue(step),
                Op.PayOffline => PayOffline(step),
                Op.PayFromCredit => PayFromCredit(step),
                Op.AdjustBalance => AdjustBalance(step),
                Op.Void => VoidInvoice(step),
                Op.TopUp => TopUp(step),
                Op.ToggleAutoMarkPaid => Toggle(),
                Op.ApplyNewCredit => ApplyNewCredit(),
                Op.Refund => RefundPayment(step),
                Op.FailRefund => FailRefund(step),
                Op.PaySeveral => PaySeveral(step),
                Op.ChargeBack => ChargeBack(step),
                Op.ReverseChargeback => ReverseChargeback(step),
                Op.CreditNote => IssueCreditNote(step),
                _ => throw new InvalidOperationException($"No such operation {step.Op}."),
            };
        }

        public void AssertInvariants(Step step)
        {
            var label = $"after {step}";
            var live = _invoices.Where(i => i.Status != InvoiceStatus.Void)
                .Sum(i => i.Allocations.Where(a => !a.IsVoided && a.Source != AllocationSource.CreditNote).Sum(a => a.AmountMinor));
            var refundedToPayer = _refunds.Where(r => r.IsActive && r.Destination == RefundDestination.Payer).Sum(r => r.AmountMinor);
            var chargedBack = _chargebacks.Where(c => !c.IsReversed).Sum(c => c.TakenMinor);
            Assert.True(
                _paymentsIn + _adjustmentsIn - _adjustmentsOut - refundedToPayer - chargedBack == _client.BalanceMinor + live,
                $"Conservation broken {label}: in {_paymentsIn}+{_adjustmentsIn}-{_adjustmentsOut}-{refundedToPayer}-{chargedBack}, balance {_client.BalanceMinor}, allocated {live}.");
            foreach (var payment in _payments)
            {
                var refunded = _refunds.Where(r => r.IsActive && r.Payment == payment).Sum(r => r.AmountMinor);
                Assert.Equal(refunded, payment.RefundedMinor);
                Assert.True(refunded <= payment.AmountMinor, $"Payment refunded beyond what it paid {label}.");
                var charged = _chargebacks.Where(c => !c.IsReversed && c.Payment == payment).Sum(c => c.AmountMinor);
                Assert.Equal(charged, payment.ChargedBackMinor);
                Assert.True(charged <= payment.AmountMinor, $"Payment charged back beyond what it paid {label}.");
                if (payment.Status != PaymentStatus.ChargedBack)
                {
                    Assert.Equal(refunded == payment.AmountMinor, payment.Status == PaymentStatus.Refunded);
                }

                Assert.Equal(charged > 0 && refunded < payment.AmountMinor, payment.Status == PaymentStatus.ChargedBack);
            }

            Assert.True(_client.BalanceMinor >= 0, $"Negative balance {label}.");

            var running = 0L;
            foreach (var entry in _client.Entries)
            {
                running += entry.AmountMinor;
                Assert.Equal(running, entry.BalanceAfterMinor);
            }

            Assert.Equal(running, _client.BalanceMinor);

            foreach (var invoice in _invoices)
            {
                Assert.True(invoice.AmountPaidMinor <= invoice.TotalMinor, $"Overpaid invoice {invoice.Number} {label}.");
                Assert.Equal(invoice.Allocations.Sum(a => a.AmountMinor), invoice.AmountPaidMinor);
                Assert.All(invoice.Allocations, a => Assert.Equal(invoice.Status == InvoiceStatus.Void, a.IsVoided));
                if (invoice.Status is InvoiceStatus.Open or InvoiceStatus.Paid)
                {
                    Assert.Equal(invoice.AmountPaidMinor == invoice.TotalMinor, invoice.Status == InvoiceStatus.Paid);
                }

                var notes = _creditNotes.Where(n => n.Invoice == invoice).ToList();
                Assert.Equal(notes.Sum(n => n.TotalMinor), invoice.CreditedMinor);
                Assert.Equal(invoice.CreditedMinor, invoice.Allocations.Where(a => a.Source == AllocationSource.CreditNote).Sum(a => a.AmountMinor));
                Assert.True(invoice.CreditedMinor <= invoice.TotalMinor, $"Invoice {invoice.Number} credited beyond its total {label}.");
                Assert.All(invoice.Lines, l => Assert.InRange(l.CreditedMinor, 0, l.TotalMinor));
                if (invoice.TotalMinor > 0 && invoice.CreditedMinor == invoice.TotalMinor)
                {
                    Assert.Equal(InvoiceStatus.Void, invoice.Status);
                }
            }

            Assert.All(_creditNotes, n => Assert.Equal(n.TotalMinor, n.NetMinor + n.TaxMinor));

            var creditAllocations = _invoices.SelectMany(i => i.Allocations).Where(a => a.Source == AllocationSource.Balance).ToList();
            var appliedEntries = _client.Entries.Where(e => e.Kind is BalanceEntryKind.AppliedToInvoice or BalanceEntryKind.CreditUnapplied or BalanceEntryKind.CreditReturned).ToList();
            Assert.Equal(creditAllocations.Count, appliedEntries.Count);
            foreach (var allocation in creditAllocations)
            {
                Assert.NotNull(allocation.BalanceEntry);
                Assert.Same(allocation, allocation.BalanceEntry.Allocation);
                Assert.Equal(-allocation.AmountMinor, allocation.BalanceEntry.AmountMinor);
            }
        }

        private bool Issue(Step step)
        {
            var invoice = Invoice.CreateDraft(_client, Today.AddDays(step.Target - 3), _now);
            var quantity = new[] { 1m, 2m, 1.5m, 0.333m, 3m, 0.5m }[step.Variant];
            var price = step.Amount % 13 == 0 ? 0 : step.Amount;
            invoice.AddLine("Lesson", quantity, price, new[] { 0m, 9m, 21m, 10.5m }[step.Target % 4]);
            if (step.Target % 3 == 0)
            {
                invoice.AddLine("Material", 1m, step.Amount / 7, 21m);
            }

            _invoices.Add(invoice);
            if (step.Variant == 5 && step.Target % 2 == 0)
            {
                return true; // stays a draft
            }

            invoice.Issue(InvoiceNumber.Format(2026, ++_sequence), Today, _now);
            var balanceBefore = _client.BalanceMinor;
            var applied = CreditRules.ApplyOnIssue(_client, invoice, _autoMarkPaid, _now);
            if (_autoMarkPaid)
            {
                Assert.True(invoice.Status == InvoiceStatus.Paid || _client.BalanceMinor == 0, "Rule 1 left usable credit.");
            }
            else
            {
                Assert.Null(applied);
                Assert.Equal(balanceBefore, _client.BalanceMinor);
            }

            return true;
        }

        private bool PayOffline(Step step)
        {
            if (Pick(step) is not { } invoice)
            {
                return true;
            }

            var still = invoice.StillToPayMinor;
            long amount = step.Variant switch
            {
                0 => Math.Max(1, still / 2),
                1 => Math.Max(1, still),
                2 => still + step.Amount,
                _ => step.Amount,
            };
            var payment = step.Target % 2 == 1 ? OnlinePayment(amount, invoice) : OfflinePayment(_client, amount, invoice);
            if (invoice.Status == InvoiceStatus.Draft)
            {
                return Refused(() => CreditRules.RecordPayment(_client, invoice, payment, _autoMarkPaid, OpenInvoices, _now));
            }

            var recorded = CreditRules.RecordPayment(_client, invoice, payment, _autoMarkPaid, OpenInvoices.ToList(), _now);
            _payments.Add(payment);
            _paymentsIn += amount;
            Assert.Equal(Math.Min(amount, invoice.Status is InvoiceStatus.Void ? 0 : still), recorded.Allocation?.AmountMinor ?? 0);
            if (recorded.BalanceEntries.Count > 0)
            {
                AssertRule2Done();
            }
            return true;
        }

        private bool PayFromCredit(Step step)
        {
            if (Pick(step) is not { } invoice)
            {
                return true;
            }

            var maximum = Math.Min(_client.BalanceMinor, invoice.StillToPayMinor);
            Money? amount = step.Variant switch
            {
                0 => null,
                1 => Eur(0),
                2 => Eur(-step.Amount),
                3 => Eur(maximum),
                4 => Eur(maximum + 1),
                _ => Eur(step.Amount),
            };
            var valid = _autoMarkPaid
                && invoice.Status == InvoiceStatus.Open
                && _client.BalanceMinor > 0
                && (amount is null || (amount.Value.Minor >= 1 && amount.Value.Minor <= maximum));
            if (!valid)
            {
                return Refused(() => CreditRules.PayFromCredit(_client, invoice, amount, _autoMarkPaid, _now));
            }

            var balanceBefore = _client.BalanceMinor;
            var applied = CreditRules.PayFromCredit(_client, invoice, amount, _autoMarkPaid, _now);
            Assert.Equal(amount?.Minor ?? maximum, applied.Amount.Minor);
            Assert.Equal(balanceBefore - applied.Amount.Minor, _client.BalanceMinor);
            return true;
        }

        private bool AdjustBalance(Step step)
        {
            var minor = step.Variant % 2 == 0 ? step.Amount : -step.Amount;
            if (-minor > _client.BalanceMinor)
            {
                return Refused(() => _client.AdjustBalance(Eur(minor), "Correction", _now));
            }

            _client.AdjustBalance(Eur(minor), "Correction", _now);
            if (minor > 0)
            {
                _adjustmentsIn += minor;
            }
            else
            {
                _adjustmentsOut += -minor;
            }

            return true;
        }

        private bool VoidInvoice(Step step)
        {
            if (Pick(step) is not { } invoice)
            {
                return true;
            }

            if (invoice.Status == InvoiceStatus.Void)
            {
                return Refused(() => CreditRules.Void(_client, invoice, _now));
            }

            var live = invoice.Allocations.Where(a => !a.IsVoided && a.Source != AllocationSource.CreditNote).Sum(a => a.AmountMinor);
            var balanceBefore = _client.BalanceMinor;
            if (invoice.CreditableMinor > 0)
            {
                // An issued invoice is voided by a credit note for what it still owes (decision 0023).
                var destination = step.Variant % 2 == 0 ? PaidMoneyDestination.Balance : PaidMoneyDestination.Payer;
                var issued = Credit(invoice, null, destination);
                Assert.Equal(InvoiceStatus.Void, invoice.Status);
                Assert.Equal(live, issued.CreditNote.ToBalanceMinor + issued.CreditNote.ToPayerMinor);
                Assert.Equal(balanceBefore + issued.CreditNote.ToBalanceMinor, _client.BalanceMinor);
                return true;
            }

            var voided = CreditRules.Void(_client, invoice, _now);
            Assert.Equal(live, voided.Returned.Minor);
            Assert.Equal(balanceBefore + live, _client.BalanceMinor);
            return true;
        }

        private bool TopUp(Step step)
        {
            var request = CreditRequest.Create(_client, Eur(step.Amount), "Top-up", null, _now);
            var paid = step.Variant switch
            {
                0 => step.Amount - 1,
                1 or 2 => step.Amount,
                _ => step.Amount + (step.Target * 100),
            };
            if (step.Variant == 5)
            {
                request.Cancel(_now);
            }

            if (paid <= 0)
            {
                return true;
            }

            var payment = step.Target % 3 == 0 ? OnlinePayment(paid, null) : OfflinePayment(_client, paid);
            if (paid < step.Amount || request.Status != CreditRequestStatus.Open)
            {
                var refused = Refused(() => CreditRules.RecordCreditRequestPayment(_client, request, payment, _autoMarkPaid, OpenInvoices, _now));
                if (step.Target % 2 == 0)
                {
                    // The money still arrived: it goes to the balance.
                    CreditRules.RecordPaymentToBalance(_client, payment, _autoMarkPaid, OpenInvoices.ToList(), _now);
                    _paymentsIn += paid;
                    AssertRule2Done();
                }

                return refused;
            }

            CreditRules.RecordCreditRequestPayment(_client, request, payment, _autoMarkPaid, OpenInvoices.ToList(), _now);
            _payments.Add(payment);
            _requestsPaidBy[payment] = [request];
            Assert.Equal(CreditRequestStatus.Paid, request.Status);
            _paymentsIn += paid;
            AssertRule2Done();
            return true;
        }

        private bool Toggle()
        {
            _autoMarkPaid = !_autoMarkPaid;
            return true;
        }

        private bool ApplyNewCredit()
        {
            CreditRules.ApplyNewCredit(_client, OpenInvoices.ToList(), _autoMarkPaid, _now);
            AssertRule2Done();
            return true;
        }

        private Payment OnlinePayment(long amount, Invoice? invoice)
        {
            var payment = Payment.Start(_client, Eur(amount), PaymentMethod.Card, PaymentProvider.Mollie, PaymentInitiator.Client, _now, forInvoice: invoice);
            payment.AssignProviderId($"tr_{++_sequence}");
            payment.ApplyStatus(PaymentStatus.Paid, _now);
            return payment;
        }

        /// <summary>One online payment for two documents (and sometimes a credit request): oldest due first, the rest to the balance.</summary>
        private bool PaySeveral(Step step)
        {
            if (_invoices.Count == 0)
            {
                return true;
            }

            var chosen = new[] { _invoices[step.Target % _invoices.Count], _invoices[(step.Target + 1) % _invoices.Count] }.Distinct().ToList();
            if (chosen.Any(i => i.Status == InvoiceStatus.Draft))
            {
                return true;
            }

            // Variant 4 pays two credit requests next to the invoices, 0 and 2 one, the odd variants none.
            var requests = step.Variant % 2 == 0 ? [CreditRequest.Create(_client, Eur(step.Amount), "Top-up", Today.AddDays(step.Variant - 2), _now)] : new List<CreditRequest>();
            if (step.Variant == 4)
            {
                requests.Add(CreditRequest.Create(_client, Eur(step.Amount / 2 + 1), "Second top-up", null, _now));
            }

            var needed = chosen.Sum(i => i.StillToPayMinor) + requests.Sum(r => r.AmountMinor);
            var amount = step.Variant switch
            {
                0 or 1 => needed,
                2 or 3 => needed + step.Target * 100,
                _ => Math.Max(1, needed / 2),
            };
            if (amount <= 0)
            {
                return true;
            }

            var payment = Payment.Start(_client, Eur(amount), PaymentMethod.Card, PaymentProvider.Mollie, PaymentInitiator.Client, _now);
            payment.AssignProviderId($"tr_{++_sequence}");
            payment.ApplyStatus(PaymentStatus.Paid, _now);
            var others = OpenInvoices.ToList();
            var recorded = CreditRules.RecordPaymentForSeveral(_client, payment, chosen, requests, _autoMarkPaid, others, _now);
            _payments.Add(payment);
            _requestsPaidBy[payment] = requests;
            _paymentsIn += amount;
            if (amount >= needed)
            {
                Assert.All(chosen.Where(i => i.Status != InvoiceStatus.Void), i => Assert.Equal(InvoiceStatus.Paid, i.Status));
                Assert.All(requests, r => Assert.Equal(CreditRequestStatus.Paid, r.Status));
            }

            if (recorded.BalanceEntries.Any(e => e.Kind == BalanceEntryKind.Overpayment))
            {
                AssertRule2Done();
            }

            return true;
        }

        private bool RefundPayment(Step step)
        {
            if (_payments.Count == 0)
            {
                return true;
            }

            var payment = _payments[step.Target % _payments.Count];
            var destination = step.Variant % 2 == 0 ? RefundDestination.Payer : RefundDestination.Balance;
            var settled = _invoices.Where(i => i.Allocations.Any(a => a.IsOf(payment))).ToList();
            var ledger = _client.Entries.Where(e => e.Payment == payment && e.Kind != BalanceEntryKind.RefundToBalance).Sum(e => e.AmountMinor);
            var refundable = RefundRules.Refundable(_client, payment, settled, ledger);
            var maximum = destination == RefundDestination.Payer ? refundable.ToPayerMinor : refundable.ToBalanceMinor;
            long amount = step.Variant switch
            {
                0 or 1 => maximum,
                2 or 3 => Math.Max(1, maximum / 2),
                4 => maximum + 1,
                _ => step.Amount,
            };
            var valid = amount >= 1 && amount <= maximum && (destination == RefundDestination.Balance || payment.Provider == PaymentProvider.Mollie);
            Refund Act() => RefundRules.Refund(_client, payment, settled, ledger, Eur(amount), destination, "Lesson cancelled", "finance", _now);
            if (!valid)
            {
                return Refused(() => Act());
            }

            var balanceBefore = _client.BalanceMinor;
            var stillBefore = settled.ToDictionary(i => i, i => i.StillToPayMinor);
            var refund = Act();
            _refunds.Add(refund);
            Assert.Equal(amount, refund.AmountMinor);
            if (destination == RefundDestination.Balance)
            {
                Assert.Equal(balanceBefore + amount, _client.BalanceMinor);
            }
            else
            {
                Assert.Equal(balanceBefore - refund.FromBalanceMinor, _client.BalanceMinor);
            }

            var touched = RefundRules.TakenFrom(refund, settled);
            if (step.Target % 3 == 0)
            {
                // Credit the invoices instead of reopening them: each stays settled.
                _creditNotes.AddRange(CreditNoteRules.CreditRefund(_client, refund, settled, "finance", _now));
                Assert.All(touched, i => Assert.Equal(stillBefore[i], i.StillToPayMinor));
            }
            else if (destination == RefundDestination.Payer)
            {
                CreditRules.ApplyOnReopen(_client, touched, _autoMarkPaid, _now);
                AssertReopenedTookTheBalance(touched);
            }

            return true;
        }

        private bool FailRefund(Step step)
        {
            var pending = _refunds.Where(r => r.IsActive && r.Destination == RefundDestination.Payer).ToList();
            if (pending.Count == 0)
            {
                return true;
            }

            var refund = pending[step.Target % pending.Count];
            var reversed = _invoices.Where(i => i.Allocations.Any(a => a.Refund == refund)).ToList();
            RefundRules.Fail(_client, refund.Payment!, refund, reversed, OpenInvoices.ToList(), _autoMarkPaid, RefundStatus.Failed, "card closed", _now);
            Assert.False(refund.IsActive);
            return true;
        }

        /// <summary>The bank takes (part of) a paid Mollie payment back; offline payments and too large amounts are refused.</summary>
        private bool ChargeBack(Step step)
        {
            if (_payments.Count == 0)
            {
                return true;
            }

            var payment = _payments[step.Target % _payments.Count];
            var left = payment.AmountMinor - payment.ChargedBackMinor;
            long amount = step.Variant switch
            {
                0 or 1 or 2 => left,
                3 => Math.Max(1, left / 3),
                4 => left + 1,
                _ => step.Amount,
            };
            var requests = _requestsPaidBy.GetValueOrDefault(payment) ?? [];
            var paid = _invoices.Where(i => i.Allocations.Any(a => a.IsOf(payment))).ToList();
            var ledger = _client.Entries.Where(e => e.Payment == payment).Sum(e => e.AmountMinor);
            var valid = payment.Provider == PaymentProvider.Mollie && amount >= 1 && amount <= left
                && payment.Status is PaymentStatus.Paid or PaymentStatus.Refunded or PaymentStatus.ChargedBack;
            Chargeback Act() => ChargebackRules.ChargeBack(
                _client, payment, $"chb_{++_sequence}", Eur(amount), "MD06", paid, _invoices, ledger, requests, _now, _now);
            if (!valid)
            {
                return Refused(() => Act());
            }

            var chargeback = Act();
            _chargebacks.Add(chargeback);
            var reopened = ChargebackRules.ReopenedByPayment(chargeback, paid);
            CreditRules.ApplyOnReopen(_client, reopened, _autoMarkPaid, _now);
            AssertReopenedTookTheBalance(reopened);
            Assert.Equal(amount, chargeback.TakenMinor + chargeback.ShortfallMinor);
            if (chargeback.ShortfallMinor > 0)
            {
                // It fell short only because it took all the payment still held: its allocations, its credit on the
                // balance, and credit on invoices as far as the payment's credit went.
                var ledgerAfter = _client.Entries.Where(e => e.Payment == payment).Sum(e => e.AmountMinor);
                Assert.All(paid, i => Assert.True(i.Status == InvoiceStatus.Void || i.AllocatedBy(payment) <= 0));
                Assert.True(ledgerAfter <= 0 || _client.BalanceMinor == 0, "A short chargeback left the payment's credit on the balance.");
                Assert.True(ledgerAfter <= 0 || _invoices.All(i => i.Status == InvoiceStatus.Void || i.CreditAppliedMinor == 0), "A short chargeback left spent credit on invoices.");
            }
            // The credit requests it paid (alone or next to invoices) stay paid only as far as its credit left covers them.
            var creditLeft = _client.Entries.Where(e => e.Payment == payment).Sum(e => e.AmountMinor);
            var stillPaid = requests.Where(r => r.Status == CreditRequestStatus.Paid && r.Payment == payment).Sum(r => r.AmountMinor);
            Assert.True(stillPaid <= Math.Max(0, creditLeft), $"Credit requests of {stillPaid} stay paid by a payment holding {creditLeft} after a chargeback.");
            if (requests.Count == 1 && payment.AmountMinor - payment.ChargedBackMinor < requests[0].AmountMinor)
            {
                Assert.Equal(CreditRequestStatus.Open, requests[0].Status);
            }

            return true;
        }

        private bool ReverseChargeback(Step step)
        {
            var active = _chargebacks.Where(c => !c.IsReversed).ToList();
            if (active.Count == 0)
            {
                return true;
            }

            var chargeback = active[step.Target % active.Count];
            var touched = _invoices.Where(i => i.Allocations.Any(a => a.IsOf(chargeback))).ToList();
            var balanceAndAllocated = _client.BalanceMinor + _invoices.Where(i => i.Status != InvoiceStatus.Void).Sum(i => i.AmountPaidMinor);
            ChargebackRules.Reverse(_client, chargeback.Payment!, chargeback, touched, OpenInvoices.ToList(),
                _requestsPaidBy.GetValueOrDefault(chargeback.Payment!) ?? [], _client.Entries.Where(e => e.Payment == chargeback.Payment).Sum(e => e.AmountMinor),
                _autoMarkPaid, _now);
            Assert.True(chargeback.IsReversed);
            Assert.Equal(balanceAndAllocated + chargeback.TakenMinor,
                _client.BalanceMinor + _invoices.Where(i => i.Status != InvoiceStatus.Void).Sum(i => i.AmountPaidMinor));
            AssertRule2Done();
            return true;
        }

        /// <summary>Credits an invoice in full, by an amount, or by its first line; too much is refused and changes nothing.</summary>
        private bool IssueCreditNote(Step step)
        {
            if (Pick(step) is not { } invoice)
            {
                return true;
            }

            var destination = step.Target % 2 == 0 ? PaidMoneyDestination.Balance : PaidMoneyDestination.Payer;
            var line = invoice.Lines.Count == 0 ? null : invoice.Lines[0];
            IReadOnlyList<CreditedLine>? lines = step.Variant switch
            {
                0 or 1 => null,
                2 => [new CreditedLine(1, Math.Max(1, (line?.CreditableMinor ?? 0) / 2))],
                3 => [new CreditedLine(1, (line?.CreditableMinor ?? 0) + 1)],
                _ => [new CreditedLine(1, Math.Min(step.Amount, Math.Max(1, line?.CreditableMinor ?? 1)))],
            };
            var valid = invoice.CreditableMinor > 0 && (lines is null || lines.All(l => line is not null && l.AmountMinor >= 1 && l.AmountMinor <= line.CreditableMinor));
            if (!valid)
            {
                return Refused(() => CreditNoteRules.Issue(_client, invoice, lines, destination, "Credit", "finance", _now));
            }

            var stillBefore = invoice.StillToPayMinor;
            var moneyBefore = invoice.MoneyPaidMinor;
            var balanceBefore = _client.BalanceMinor;
            var issued = Credit(invoice, lines, destination);
            var note = issued.CreditNote;
            Assert.Equal(Math.Max(0, note.TotalMinor - stillBefore), note.ToBalanceMinor + note.ToPayerMinor);
            Assert.Equal(moneyBefore - note.ToBalanceMinor - note.ToPayerMinor, invoice.MoneyPaidMinor);
            Assert.Equal(balanceBefore + note.ToBalanceMinor, _client.BalanceMinor);
            Assert.Equal(Math.Max(0, stillBefore - note.TotalMinor), invoice.StillToPayMinor);
            return true;
        }

        private IssuedCreditNote Credit(Invoice invoice, IReadOnlyList<CreditedLine>? lines, PaidMoneyDestination destination)
        {
            var issued = CreditNoteRules.Issue(_client, invoice, lines, destination, "Credit", "finance", _now);
            _creditNotes.Add(issued.CreditNote);
            _refunds.AddRange(issued.Refunds);
            Assert.All(issued.Refunds, r => Assert.Equal(RefundDestination.Payer, r.Destination));
            Assert.Equal(issued.Refunds.Sum(r => r.AmountMinor), issued.CreditNote.ToPayerMinor);
            return issued;
        }

        /// <summary>An invoice a refund or chargeback reopened takes the balance first, as a new one does (rule 1 on reopen).</summary>
        private void AssertReopenedTookTheBalance(IEnumerable<Invoice> reopened)
        {
            if (_autoMarkPaid)
            {
                Assert.True(_client.BalanceMinor == 0 || reopened.All(i => i.Status != InvoiceStatus.Open), "A reopened invoice left credit on the balance.");
            }
        }

        /// <summary>Rule 2 runs when the balance grows by money received (not on void or manual adjustment).</summary>
        private void AssertRule2Done()
        {
            if (_autoMarkPaid)
            {
                Assert.True(_client.BalanceMinor == 0 || !OpenInvoices.Any(), "Rule 2 left credit while invoices are open.");
            }
        }

        private Invoice? Pick(Step step) => _invoices.Count == 0 ? null : _invoices[step.Target % _invoices.Count];

        private bool Refused(Action action)
        {
            var before = Snapshot();
            Assert.Throws<DomainException>(action);
            Assert.Equal(before, Snapshot());
            return false;
        }

        private string Snapshot() =>
            $"{_client.BalanceMinor}/{_client.Version}/{_client.Entries.Count}/{_refunds.Count}|" +
            string.Join("|", _payments.Select(p => $"{p.Status}/{p.RefundedMinor}/{p.Version}")) + "|" +
            string.Join("|", _invoices.Select(i => $"{i.Status}/{i.AmountPaidMinor}/{i.CreditedMinor}/{i.Allocations.Count}/{i.Version}"));
    }
}
