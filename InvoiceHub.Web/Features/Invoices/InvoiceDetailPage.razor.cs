using InvoiceHub.Web.Features.Shell;
using MudBlazor;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Infrastructure.Events;
using InvoiceHub.Web.Infrastructure.Formatting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>
/// The staff invoice page: one action at a time (the others are disabled while it runs), refusals shown next
/// to the field they name, outcomes as snackbars, and a reload whenever a committed change touches the invoice or its client.
/// </summary>
public sealed partial class InvoiceDetailPage
{
    private enum Dialog
    {
        None,
        PayFromCredit,
        Offline,
        Online,
        Void,
        Send,
    }

    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;

    private InvoiceDetail? _detail;
    private bool _notFound;
    private string? _busy;
    private Dialog _dialog;
    private string? _voidReason;
    private PaidMoneyDestination _voidPaidMoney;
    private string _voidRequestKey = Guid.NewGuid().ToString("N");
    private OfflinePaymentForm _offline = new();
    private SendInvoiceDialog.EmailForm _email = new();
    private DraftForm? _draft;
    private bool _reloadDraft;
    private readonly Dictionary<string, string> _errors = [];

    [Parameter] public int Id { get; set; }

    private string Title => _detail is null ? SharedText.Invoice : _detail.Invoice.Number ?? InvoiceText.DraftInvoice;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    protected override void OnInitialized() => Events.Changed += OnDocumentChanged;

    public void Dispose() => Events.Changed -= OnDocumentChanged;

    private void OnDocumentChanged(DocumentChanged change)
    {
        var detail = _detail;
        if (detail is null
            || !((change.Kind == DocumentKind.Invoice && change.Id == Id) || change.Concerns(detail.Invoice.ClientId)))
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
        // A draft's editor starts from what is saved; edits in progress are kept across live refreshes.
        if (_detail?.Invoice.Status == InvoiceStatus.Draft && (_draft is null || _reloadDraft))
        {
            _draft = DraftForm.From(_detail.Invoice);
            _reloadDraft = false;
        }
    }

    private static string Show(Money money) => Display.Money(money.Minor, money.Currency.Code);

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    private void CloseDialog()
    {
        if (_busy is null)
        {
            _dialog = Dialog.None;
            _errors.Clear();
        }
    }

    private void OpenPayFromCredit()
    {
        _errors.Clear();
        _dialog = Dialog.PayFromCredit;
    }

    private void OpenOffline()
    {
        _errors.Clear();
        _offline = OfflinePaymentForm.For(_detail!.Invoice.StillToPay, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime));
        _dialog = Dialog.Offline;
    }

    private void OpenOnline()
    {
        _errors.Clear();
        _dialog = Dialog.Online;
    }

    /// <summary>Send &amp; Print, first step: the email as it would go, for Finance to read and change.</summary>
    private Task OpenSendAsync() => RunAsync("send", async () =>
    {
        _email = SendInvoiceDialog.EmailForm.From(await SendInvoiceHandler.DraftAsync(Id));
        _dialog = Dialog.Send;
        return null;
    });

    private void OpenVoid()
    {
        _errors.Clear();
        _voidReason = null;
        _voidPaidMoney = PaidMoneyDestination.Balance;
        _voidRequestKey = Guid.NewGuid().ToString("N");
        _dialog = Dialog.Void;
    }

    private Task SaveDraftAsync() => RunAsync("save", async () =>
    {
        var saved = await SaveDraftFormAsync();
        return saved is null ? null : Words.Format(InvoiceText.DraftSaved, Show(saved.Total));
    });

    /// <summary>Saves the editor's lines; null (with the errors shown by field) when they do not parse.</summary>
    private async Task<InvoiceView?> SaveDraftFormAsync()
    {
        var lines = _draft!.Parse(_detail!.Invoice.Total.Currency, _errors);
        if (lines is null)
        {
            return null;
        }
        var saved = await SaveDraftInvoiceHandler.HandleAsync(new SaveDraftInvoiceCommand(Id, _draft.DueDate!.Value, lines));
        _reloadDraft = true;
        return saved;
    }

    /// <summary>Issue saves the editor first, so what is issued is what staff see.</summary>
    private Task IssueAsync() => RunAsync("issue", async () =>
    {
        if (_draft is not null && await SaveDraftFormAsync() is null)
        {
            return null;
        }
        var issued = await IssueInvoiceHandler.HandleAsync(Id);
        return Words.Format(InvoiceText.InvoiceIssued, issued.Number) + (issued.AmountPaid.IsPositive ? " " + Words.Format(InvoiceText.PaidFromCreditOnIssue, Show(issued.AmountPaid)) : "");
    });

    /// <summary>The dialog has checked the amount against min(balance, still to pay); the handler checks again in its transaction.</summary>
    private Task PayFromCreditAsync(Money amount) => RunAsync("credit", async () =>
    {
        var paid = await PayInvoiceFromCreditHandler.HandleAsync(Id, amount);
        return Words.Format(InvoiceText.PaidFromCredit, Show(amount), paid.Number, Show(paid.StillToPay));
    });

    private Task RecordOfflineAsync() => RunAsync("offline", async () =>
    {
        if (_offline.ToCommand(Id, _detail!.Invoice.Total.Currency, _errors) is not { } command)
        {
            return null;
        }
        var result = await RecordInvoicePaymentHandler.HandleAsync(command);
        return Words.Format(InvoiceText.PaymentRecorded, Show(command.Amount)) + (result.AddedToBalance.IsPositive ? " " + Words.Format(InvoiceText.WentToBalance, Show(result.AddedToBalance)) : "");
    });

    /// <summary>Send &amp; Print: the email with the PDF is queued, then the browser downloads that same PDF.</summary>
    private Task SendAndPrintAsync() => RunAsync("send", async () =>
    {
        var sent = await SendInvoiceHandler.HandleAsync(Id, new Uri(Navigation.BaseUri), _email.ToDraft());
        await JS.InvokeVoidAsync("invoiceHub.downloadBytes", sent.FileName, "application/pdf", Convert.ToBase64String(sent.Pdf));
        return Words.Format(InvoiceText.InvoiceSent, sent.To);
    });

    private Task VoidAsync() => RunAsync("void", async () =>
    {
        if (string.IsNullOrWhiteSpace(_voidReason))
        {
            throw new DomainException(ErrorCodes.ReasonRequired, "Say why the invoice is voided.", "reason");
        }
        var user = (await Auth.GetAuthenticationStateAsync()).User.Identity?.Name ?? "staff";
        var voided = await VoidInvoiceHandler.HandleAsync(Id, _voidReason.Trim(), _voidPaidMoney, user, _voidRequestKey);
        var voidedText = voided.CreditNote is { } note
            ? Words.Format(InvoiceText.InvoiceVoidedWithCreditNote, voided.Invoice.Number, note.Number)
            : Words.Format(InvoiceText.InvoiceVoided, voided.Invoice.Number ?? InvoiceText.DraftInParentheses);
        return string.Join(" ", voided.RefundProblems.Prepend(voidedText));
    });

    /// <summary>
    /// Runs one action: nothing else can start meanwhile; a refusal naming a field of the open dialog is shown
    /// next to that field, any other refusal in the dialog or as a toast; success closes the dialog, toasts and reloads.
    /// </summary>
    private async Task RunAsync(string action, Func<Task<string?>> operation)
    {
        if (_busy is not null)
        {
            return;
        }
        _busy = action;
        _errors.Clear();
        try
        {
            string? outcome = null;
            var refusal = await PageAction.RunAsync(async () => outcome = await operation());
            if (refusal is not null)
            {
                await ShowAsync(refusal);
                return;
            }
            if (outcome is null)
            {
                return;
            }
            _dialog = Dialog.None;
            await LoadAsync();
            Snackbar.Add(outcome, Severity.Success);
        }
        finally
        {
            _busy = null;
        }
    }

    /// <summary>
    /// A rule refused in an open dialog or on a draft is shown next to its field; a busy database in an open dialog at its
    /// foot (nothing was saved, the same click tries again); anything else as a toast.
    /// </summary>
    private async Task ShowAsync(ActionRefusal refusal)
    {
        var inForm = _dialog != Dialog.None || (refusal.Kind == RefusalKind.Rule && _detail?.Invoice.Status == InvoiceStatus.Draft);
        if (inForm && refusal.Kind is RefusalKind.Rule or RefusalKind.Busy)
        {
            _errors[refusal.Field is { } field && (DialogFields.Contains(field) || field.StartsWith("lines", StringComparison.Ordinal) || field == "dueDate") ? field : ""] = refusal.Message;
            return;
        }

        Snackbar.Add(refusal.Message, Severity.Error);
        if (refusal.Kind == RefusalKind.Rule)
        {
            await LoadAsync();
        }
    }

    private static readonly HashSet<string> DialogFields = ["amount", "method", "receivedOn", "reference", "reason", "to", "subject", "message"];

}
