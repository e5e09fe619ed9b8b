using AngleSharp.Dom;
using Bunit;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Clients;
using MudBlazor;

namespace InvoiceHub.Tests.Features.Clients;

/// <summary>The client form's checks and the ledger's words, rendered with bunit.</summary>
public sealed class ClientComponentTests : ComponentTestContext
{
    private static string Text(IElement element) =>
        System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(element.TextContent), @"\s+", " ").Trim();

    private IRenderedComponent<ClientForm> RenderForm(ClientInput input, List<ClientInput> saved, IReadOnlyDictionary<string, string>? errors = null)
    {
        Render<MudPopoverProvider>();
        return Render<ClientForm>(p => p
            .Add(x => x.Input, input)
            .Add(x => x.IsNew, true)
            .Add(x => x.Errors, errors)
            .Add(x => x.OnSave, (ClientInput i) => saved.Add(i)));
    }

    /// <summary>The message MudBlazor shows under the field whose input has <paramref name="inputId"/>.</summary>
    private static string? FieldMessage(IRenderedComponent<ClientForm> form, string inputId)
    {
        var control = form.Find($"#{inputId}").Closest(".mud-input-control")!;
        return control.QuerySelector(".mud-input-helper-text.mud-input-error") is { } error && error.TextContent.Trim().Length > 0 ? Text(error) : null;
    }

    [Fact]
    public void Saving_without_a_name_says_so_next_to_the_name_and_saves_nothing()
    {
        var saved = new List<ClientInput>();
        var form = RenderForm(new ClientInput { Email = "ada@example.com" }, saved);

        form.Find("form").Submit();

        Assert.Equal("Enter the client's name.", FieldMessage(form, "client-name"));
        Assert.Null(FieldMessage(form, "client-email"));
        Assert.Equal("true", form.Find("#client-name").GetAttribute("aria-invalid"));
        Assert.Empty(saved);
    }

    [Theory]
    [InlineData("not-an-email", "This is not an email address; write it like name@example.com.")]
    [InlineData("two@at@example.com", "This is not an email address; write it like name@example.com.")]
    [InlineData("   ", "Enter the client's email address.")]
    public void Saving_with_a_bad_email_says_what_to_write_next_to_the_email(string email, string message)
    {
        var saved = new List<ClientInput>();
        var form = RenderForm(new ClientInput { Name = "Ada Lovelace", Email = email }, saved);

        form.Find("form").Submit();

        Assert.Equal(message, FieldMessage(form, "client-email"));
        Assert.Null(FieldMessage(form, "client-name"));
        Assert.Empty(saved);
    }

    [Fact]
    public void A_refusal_of_the_handler_shows_next_to_its_field()
    {
        var form = RenderForm(new ClientInput { Name = "Ada", Email = "ada@example.com" }, [],
            new Dictionary<string, string> { ["email"] = "Grace Hopper already uses ada@example.com." });

        Assert.Equal("Grace Hopper already uses ada@example.com.", FieldMessage(form, "client-email"));
    }

    [Fact]
    public void A_complete_form_is_handed_on_to_save()
    {
        var saved = new List<ClientInput>();
        var input = new ClientInput { Name = "Ada Lovelace", Email = "ada@example.com", Currency = "GBP", VatNumber = "GB123" };
        var form = RenderForm(input, saved);

        form.Find("form").Submit();

        Assert.Same(input, Assert.Single(saved));
        Assert.Null(FieldMessage(form, "client-name"));
        Assert.Equal(Currency.GBP, input.ToCreate().Currency);
    }

    private static LedgerRow Row(BalanceEntryKind kind, long minor, int? invoiceId = null, string? invoiceNumber = null, int? requestId = null, int? paymentId = null, string? reason = null) =>
        new(1, DateTimeOffset.UnixEpoch, kind, new Money(minor, Currency.EUR), new Money(minor, Currency.EUR), reason, invoiceId, requestId, invoiceNumber, paymentId);

    public static TheoryData<BalanceEntryKind, int?, string?, int?, int?, string, string?> Entries => new()
    {
        { BalanceEntryKind.AppliedToInvoice, 12, "INV-2026-00012", null, null, "Paid from balance — INV-2026-00012", "/admin/invoices/12" },
        { BalanceEntryKind.ManualAdjustment, null, null, null, null, "Manual adjustment", null },
        { BalanceEntryKind.Overpayment, null, null, null, 7, "Overpayment of payment 7", "/admin/payments/7" },
        { BalanceEntryKind.Overpayment, 3, "INV-2026-00003", null, 7, "Overpayment of payment 7", "/admin/payments/7" },
        { BalanceEntryKind.Overpayment, 3, "INV-2026-00003", null, null, "Overpayment — INV-2026-00003", "/admin/invoices/3" },
        { BalanceEntryKind.CreditRequestPaid, null, null, 5, 9, "Credit request paid — CR-5", "/admin/credit-requests/5" },
        { BalanceEntryKind.InvoiceVoided, 4, "INV-2026-00004", null, null, "Invoice voided, payment back on the balance — INV-2026-00004", "/admin/invoices/4" },
        { BalanceEntryKind.ChargedBack, null, null, null, 8, "Chargeback of payment 8", "/admin/payments/8" },
        { BalanceEntryKind.RefundedToPayer, null, null, null, 8, "Refunded to the payer of payment 8", "/admin/payments/8" },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void Ledger_lines_read_as_words_with_a_link_to_their_document(BalanceEntryKind kind, int? invoiceId, string? number, int? requestId, int? paymentId, string words, string? href)
    {
        var what = Render<LedgerWhat>(p => p.Add(x => x.Row, Row(kind, 100, invoiceId, number, requestId, paymentId)));

        Assert.Equal(words, Text(what.Find("[data-testid=ledger-what]")));
        if (kind.ToString().Skip(1).Any(char.IsUpper))
        {
            // Internal codes of two or more words (AppliedToInvoice) never show; "Overpayment" is also the English word.
            Assert.DoesNotContain(kind.ToString(), what.Markup, StringComparison.Ordinal);
        }
        if (href is null)
        {
            Assert.Empty(what.FindAll("a"));
        }
        else
        {
            Assert.Equal(href, what.Find("[data-testid=ledger-link]").GetAttribute("href"));
        }
    }

    [Fact]
    public void Every_kind_of_ledger_entry_has_its_own_words()
    {
        var words = Enum.GetValues<BalanceEntryKind>().Select(k => LedgerWording.Of(Row(k, 1)).Text).ToList();

        Assert.DoesNotContain("Balance change", words);
        Assert.Equal(words.Count, words.Distinct().Count());
    }

    [Fact]
    public void A_reason_is_shown_under_the_words()
    {
        var what = Render<LedgerWhat>(p => p.Add(x => x.Row, Row(BalanceEntryKind.ManualAdjustment, -500, reason: "Goodwill")));

        Assert.Equal("Goodwill", Text(what.Find("[data-testid=ledger-reason]")));
    }
}
