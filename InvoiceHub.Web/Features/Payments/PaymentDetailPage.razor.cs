using InvoiceHub.Web.Features.Shell;
using MudBlazor;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Infrastructure.Events;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Resources;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// The staff payment page: amount, where the money went, a timeline and the refunds, with the Refund dialog
/// (amount prefilled with the most that may go back, one submit at a time, refusals next to their field).
/// </summary>
public sealed partial class PaymentDetailPage
{
    private PaymentDetail? _detail;
    private RefundableView? _refundable;
    private bool _notFound;
    private bool _busy;
    private bool _dialogOpen;
    private bool _emailing;
    private string _requestKey = "";
    private readonly Dictionary<string, string> _errors = [];

    [Parameter] public int Id { get; set; }

    [Inject] private PaymentDetailQuery Query { get; set; } = default!;

    [Inject] private PaymentRefunds Refunds { get; set; } = default!;

    [Inject] private DocumentEvents Events { get; set; } = default!;

    [Inject] private Receipts.PaymentReceipts Receipts { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;

    private string Title => string.Format(CultureInfo.CurrentCulture, AdminText.PaymentNumbered, Id);

    protected override void OnInitialized() => Events.Changed += OnDocumentChanged;

    public void Dispose() => Events.Changed -= OnDocumentChanged;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        if (_detail is not null && RendererInfo.IsInteractive)
        {
            // Refunds still on their way at Mollie are checked when staff look at the payment.
            try
            {
                await Refunds.SyncAsync(Id);
                await LoadAsync();
            }
            catch (Integrations.Mollie.MollieException)
            {
                // Shown as they are; the webhook catches up.
            }
        }
    }

    private void OnDocumentChanged(DocumentChanged change)
    {
        if (_detail is null || !change.Concerns(_detail.ClientId))
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
    }

    private async Task LoadAsync()
    {
        _detail = await Query.RunAsync(Id);
        _notFound = _detail is null;
        _refundable = _detail is null ? null : await Refunds.RefundableAsync(Id);
    }

    private static string Show(Money money) => Display.Money(money);

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    private IReadOnlyList<TimelineEntry> Timeline => _detail!.Timeline.Select(e => new TimelineEntry(e.At, e.Title, e.Detail)).ToList();

    private static StatusChip.Kind LookOf(RefundStatus status) => status switch
    {
        RefundStatus.Refunded => StatusChip.Kind.Done,
        RefundStatus.Failed or RefundStatus.Canceled => StatusChip.Kind.Warning,
        _ => StatusChip.Kind.Active,
    };

    /// <summary>Queues the receipt, PDF attached, to the client's address (as often as staff ask).</summary>
    private async Task EmailReceiptAsync()
    {
        if (_emailing)
        {
            return;
        }
        _emailing = true;
        try
        {
            string? to = null;
            var refusal = await PageAction.RunAsync(async () => to = await Receipts.EmailAsync(Id));
            Snackbar.Add(refusal is null ? string.Format(CultureInfo.CurrentCulture, AdminText.ReceiptOnItsWay, to) : refusal.Message, refusal is null ? Severity.Success : Severity.Error);
        }
        finally
        {
            _emailing = false;
        }
    }

    private void OpenRefund()
    {
        _errors.Clear();
        _requestKey = Guid.NewGuid().ToString("N");
        _dialogOpen = true;
    }

    private void CloseRefund()
    {
        if (!_busy)
        {
            _dialogOpen = false;
            _errors.Clear();
        }
    }

    /// <summary>Runs a refund whose fields the dialog checked; the handler checks again inside its transaction.</summary>
    private async Task RefundAsync(RefundChoice choice)
    {
        if (_busy)
        {
            return;
        }

        _errors.Clear();
        _busy = true;
        try
        {
            var user = (await Auth.GetAuthenticationStateAsync()).User.Identity?.Name ?? "staff";
            RefundView? refund = null;
            var refusal = await PageAction.RunAsync(async () => refund = await Refunds.RefundAsync(new RefundCommand(Id, choice.Amount, choice.Destination, choice.Reason, user, _requestKey, choice.CreditInvoices)));
            if (refusal is not null)
            {
                await ShowAsync(refusal);
                return;
            }

            _dialogOpen = false;
            await LoadAsync();
            Snackbar.Add(refund!.Destination == RefundDestination.Payer
                ? string.Format(CultureInfo.CurrentCulture, AdminText.RefundingToPayer, Show(refund.Amount), PaymentWords.Refund(refund.Status).ToLower(CultureInfo.CurrentCulture))
                : string.Format(CultureInfo.CurrentCulture, AdminText.RefundedToBalance, Show(refund.Amount)), Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>
    /// A rule refusal goes next to its field with the refundable amounts read again; a refused refund asks for a new
    /// request key; a busy database keeps the dialog and its key (nothing was saved, the same click tries again).
    /// </summary>
    private async Task ShowAsync(ActionRefusal refusal)
    {
        switch (refusal.Kind)
        {
            case RefusalKind.Rule:
                _errors[refusal.FieldOr("amount", "reason", "destination")] = refusal.Message;
                _refundable = await Refunds.RefundableAsync(Id);
                break;
            case RefusalKind.Payment:
                _errors[""] = refusal.Message;
                _requestKey = Guid.NewGuid().ToString("N");
                await LoadAsync();
                break;
            case RefusalKind.Busy:
                _errors[""] = refusal.Message;
                break;
            default:
                Snackbar.Add(refusal.Message, Severity.Error);
                break;
        }
    }
}
