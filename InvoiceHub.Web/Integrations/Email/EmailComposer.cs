using System.Globalization;
using System.Net;
using System.Text;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Integrations.Email;

/// <summary>
/// Writes an email's HTML and plain-text parts from the same pieces of text. Callers hand over text only and every
/// piece is HTML-encoded here, so nothing a client or staff member typed can become markup in a mail client. Its own
/// texts (the greeting) are in the current language: compose a client's email inside <c>Languages.Use(client.Language)</c>.
/// </summary>
public sealed class EmailComposer
{
    private const string ButtonStyle = "background:#198754;color:#fff;padding:8px 16px;border-radius:4px;text-decoration:none";

    private readonly StringBuilder _html = new();
    private readonly List<string> _text = [];

    public EmailComposer Greeting(string name) => Paragraph(string.Format(CultureInfo.CurrentCulture, EmailText.Greeting, name));

    /// <summary>One paragraph; its lines are kept apart (a line break in HTML, a new line in text).</summary>
    public EmailComposer Paragraph(params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        _html.Append("<p>").AppendJoin("<br>", lines.Select(Encode)).Append("</p>");
        _text.Add(string.Join('\n', lines));
        return this;
    }

    /// <summary>A button to <paramref name="url"/>; the text part reads <c>label: url</c>.</summary>
    public EmailComposer Button(string label, string url)
    {
        _html.Append($"<p><a href=\"{Encode(url)}\" style=\"{ButtonStyle}\">{Encode(label)}</a></p>");
        _text.Add($"{label}: {url}");
        return this;
    }

    /// <summary>A link that shows its own address.</summary>
    public EmailComposer Address(string url)
    {
        _html.Append($"<p><a href=\"{Encode(url)}\">{Encode(url)}</a></p>");
        _text.Add(url);
        return this;
    }

    public EmailMessage To(string to, string subject, string kind, string? deduplicationKey = null, EmailAttachment? attachment = null) =>
        new(to, subject, _html.ToString(), string.Join("\n\n", _text) + "\n", kind, deduplicationKey, attachment) { Language = Languages.Current.Code };

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
