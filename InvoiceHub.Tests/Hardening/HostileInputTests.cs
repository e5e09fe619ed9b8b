using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InvoiceHub.Domain;
using InvoiceHub.Tests.Features.Jobs;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.PaymentLinks;
using InvoiceHub.Web.Features.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Hardening;

/// <summary>
/// Hostile input (OWASP ASVS V5, V13): malformed and oversized bodies, bad money, currencies, quantities and dates,
/// SQL metacharacters, script in every text field, forms without anti-forgery tokens, missing security headers,
/// and the throttles on the public doors. Each refusal must be a clear problem response that changes nothing.
/// </summary>
public sealed partial class HostileInputTests
{
    private const string Script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    private const string SqlName = "Robert'); DROP TABLE Clients;-- \" OR 1=1 --";

    [Fact]
    public async Task Hostile_api_bodies_get_a_clear_problem_response_and_change_nothing()
    {
        await using var t = await HardeningApp.StartAsync();
        var figures = new ReliabilityFigures("hostile-api", "Hostile input", "Malformed, oversized and out-of-range API bodies");
        var api = t.Callers["key-admin"];
        var a = t.A;
        var huge = new string('x', 70 * 1024);

        string Money(string currency, string value) => $"{{\"currency\":\"{currency}\",\"value\":\"{value}\"}}";
        string Line(string quantity, string unitPrice, string tax = "0") =>
            $"{{\"clientId\":{a.ClientId},\"dueDate\":\"2030-01-31\",\"lines\":[{{\"description\":\"Lesson\",\"quantity\":{quantity},\"unitPrice\":{unitPrice},\"taxRate\":{tax}}}]}}";
        string Pay(string amount, string method = "cash", string receivedOn = "2026-11-01") =>
            $"{{\"amount\":{amount},\"method\":\"{method}\",\"reference\":\"r\",\"receivedOn\":\"{receivedOn}\"}}";

        var clients = "/api/v1/clients";
        var invoices = "/api/v1/invoices";
        var adjust = $"/api/v1/clients/{a.ClientId}/balance-adjustments";
        var payInvoice = $"/api/v1/invoices/{a.InvoiceId}/payments";
        var requests = "/api/v1/credit-requests";
        var payRequest = $"/api/v1/credit-requests/{a.CreditRequestId}/payments";
        var payloads = new (string Method, string Path, string Body, string Why)[]
        {
            ("POST", clients, "{", "truncated JSON"),
            ("POST", clients, "[]", "array instead of object"),
            ("POST", clients, "\"x\"", "string instead of object"),
            ("POST", clients, "null", "null body"),
            ("POST", clients, "{\"name\":123,\"email\":\"a@b.test\"}", "number for a string"),
            ("POST", clients, "{\"name\":\"\",\"email\":\"a@b.test\"}", "empty name"),
            ("POST", clients, "{\"name\":\"N\",\"email\":\"not an email\"}", "bad email"),
            ("POST", clients, "{\"name\":\"N\",\"email\":\"n@b.test\",\"currency\":\"XXX\"}", "unknown currency"),
            ("POST", clients, "{\"name\":\"N\",\"email\":\"n@b.test\",\"currency\":\"EUR'; DROP TABLE Clients;--\"}", "SQL in currency"),
            ("POST", clients, $"{{\"name\":\"{huge}\",\"email\":\"n@b.test\"}}", "70 KB body"),
            ("POST", clients, "\u0000\u0001\u0002garbage", "binary garbage"),
            ("POST", adjust, $"{{\"amount\":{Money("EUR", "abc")},\"reason\":\"r\"}}", "money not a number"),
            ("POST", adjust, $"{{\"amount\":{Money("EUR", "12.345")},\"reason\":\"r\"}}", "three decimals"),
            ("POST", adjust, $"{{\"amount\":{Money("EUR", "1e3")},\"reason\":\"r\"}}", "exponent"),
            ("POST", adjust, $"{{\"amount\":{Money("EUR", "NaN")},\"reason\":\"r\"}}", "NaN"),
            ("POST", adjust, $"{{\"amount\":{Money("EUR", "99999999999999999999999.00")},\"reason\":\"r\"}}", "beyond 64-bit cents"),
            ("POST", adjust, $"{{\"amount\":{Money("XXX", "1.00")},\"reason\":\"r\"}}", "unknown currency"),
            ("POST", adjust, $"{{\"amount\":{Money("USD", "1.00")},\"reason\":\"r\"}}", "currency other than the client's"),
            ("POST", adjust, $"{{\"amount\":{Money("EUR", "0.00")},\"reason\":\"r\"}}", "zero adjustment"),
            ("POST", adjust, "{\"amount\":12.5,\"reason\":\"r\"}", "bare number for money"),
            ("POST", adjust, "{\"reason\":\"r\"}", "missing amount"),
            ("POST", invoices, Line("1e30", Money("EUR", "1.00")), "quantity 1e30"),
            ("POST", invoices, Line("1000000000000", Money("EUR", "99999999.99")), "total beyond 64-bit cents"),
            ("POST", invoices, Line("0", Money("EUR", "1.00")), "zero quantity"),
            ("POST", invoices, Line("1", Money("ZZZ", "1.00")), "unknown currency in a line"),
            ("POST", invoices, Line("1", Money("EUR", "1.00"), "-5"), "negative tax rate"),
            ("POST", invoices, Line("1", Money("EUR", "1.00"), "1000"), "tax rate 1000%"),
            ("POST", invoices, Line("\"many\"", Money("EUR", "1.00")), "quantity as text"),
            ("POST", invoices, $"{{\"clientId\":{a.ClientId},\"dueDate\":\"2026-02-30\",\"lines\":[]}}", "30 February"),
            ("POST", invoices, $"{{\"clientId\":{a.ClientId},\"dueDate\":\"99999-01-01\",\"lines\":[]}}", "year 99999"),
            ("POST", invoices, $"{{\"clientId\":{a.ClientId},\"dueDate\":\"tomorrow\",\"lines\":[]}}", "date as words"),
            ("POST", invoices, "{\"clientId\":\"1 OR 1=1\",\"dueDate\":\"2030-01-01\",\"lines\":[]}", "SQL in an id"),
            ("POST", invoices, "{\"clientId\":2147483648,\"dueDate\":\"2030-01-01\",\"lines\":[]}", "id beyond int"),
            ("POST", invoices, $"{{\"clientId\":{a.ClientId},\"dueDate\":\"2030-01-01\",\"lines\":[],\"admin\":true}}", "unknown member"),
            ("POST", payInvoice, Pay(Money("EUR", "0.00")), "zero payment"),
            ("POST", payInvoice, Pay(Money("EUR", "-5.00")), "negative payment"),
            ("POST", payInvoice, Pay(Money("USD", "5.00")), "payment in another currency"),
            ("POST", payInvoice, Pay(Money("EUR", "5.00"), "bitcoin"), "unknown method"),
            ("POST", payInvoice, Pay(Money("EUR", "5.00"), "cash", "2026-13-01"), "month 13"),
            ("POST", payInvoice, Pay(Money("EUR", "5.00"), "cash", "0000-01-01"), "year 0"),
            ("POST", requests, $"{{\"clientId\":{a.ClientId},\"amount\":{Money("EUR", "0.00")},\"description\":\"d\"}}", "zero credit request"),
            ("POST", requests, $"{{\"clientId\":{a.ClientId},\"amount\":{Money("EUR", "-1.00")},\"description\":\"d\"}}", "negative credit request"),
            ("POST", requests, $"{{\"clientId\":999999,\"amount\":{Money("EUR", "1.00")},\"description\":\"d\"}}", "unknown client"),
            ("POST", payRequest, Pay(Money("EUR", "-1.00")), "negative credit request payment"),
            ("PUT", "/api/v1/settings", "{\"onlineInvoicePayment\":\"yes\"}", "text for a switch"),
            ("PUT", "/api/v1/settings", "{}", "no switches"),
        };

        var before = await t.MoneySnapshotAsync();
        foreach (var (method, path, body, why) in payloads)
        {
            figures.Payload();
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await api.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var what = $"{why}: {method} {path} → {status} {Shorten(text)}";
            figures.Check(status is 400 or 404 or 409 or 413 or 415 or 422, "not refused clearly: " + what);
            figures.Check(response.Content.Headers.ContentType?.MediaType == "application/problem+json", "no problem details: " + what);
            figures.Check(ProblemSaysWhy(text), "problem without a detail or field errors: " + what);
        }

        // Declared lengths over the limit and non-JSON content types.
        foreach (var (content, why) in new (HttpContent, string)[]
                 {
                     (new ByteArrayContent(new byte[2 * 1024 * 1024]) { Headers = { ContentType = new("application/json") } }, "2 MB body"),
                     (new StringContent("name=x&email=y", Encoding.UTF8, "application/x-www-form-urlencoded"), "form body to a JSON call"),
                     (new StringContent("<client><name>x</name></client>", Encoding.UTF8, "application/xml"), "XML body"),
                 })
        {
            figures.Payload();
            using var response = await api.PostAsync(clients, content);
            var status = (int)response.StatusCode;
            figures.Check(status is 400 or 413 or 415, $"{why} → {status}");
            content.Dispose();
        }

        figures.Check(before == await t.MoneySnapshotAsync(), "a refused request changed documents, payments or balances");

        // SQL metacharacters in valid text are stored and shown as text; the tables stay.
        figures.Payload();
        using var created = await api.PostAsync(clients, new StringContent($"{{\"name\":{JsonValue.Create(SqlName).ToJsonString()},\"email\":\"bobby@tables.test\"}}", Encoding.UTF8, "application/json"));
        figures.Check(created.StatusCode == HttpStatusCode.Created, $"a name with SQL metacharacters was refused: {(int)created.StatusCode}");
        var id = (int)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var readBack = JsonNode.Parse(await api.GetStringAsync($"/api/v1/clients/{id}"))!;
        figures.Check((string?)readBack["name"] == SqlName, "the name with SQL metacharacters did not come back as written");
        await using (var db = t.App.CreateDbContext())
        {
            figures.Check(db.Clients.Count() > 2, "the clients table lost rows");
        }

        // The public webhook: junk answers an empty 200 and changes nothing.
        var snapshot = await t.MoneySnapshotAsync();
        var anonymous = t.Callers["anonymous"];
        foreach (var junk in new[] { "tr_' OR 1=1 --", Script, "tr_" + huge, "", "tr_%00" })
        {
            figures.Payload();
            using var response = await anonymous.PostAsync("/api/v1/webhooks/mollie", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = junk }));
            // Mollie's form is a few bytes: an oversized one may be refused outright (413), anything else is an empty 200.
            figures.Check(response.StatusCode == HttpStatusCode.RequestEntityTooLarge || response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Length == 0,
                $"webhook junk {Shorten(junk)} → {(int)response.StatusCode}");
        }
        figures.Check(snapshot == await t.MoneySnapshotAsync(), "webhook junk changed money");
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task Script_in_every_text_field_is_inert_in_pages_and_emails()
    {
        await using var t = await HardeningApp.StartAsync();
        var figures = new ReliabilityFigures("hostile-markup", "Hostile input", "Script and HTML in client name, invoice lines, references, credit-request descriptions");
        var api = t.Callers["key-admin"];

        async Task<JsonNode> SendAsync(string path, string json)
        {
            figures.Payload();
            using var response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
            return JsonNode.Parse(text)!;
        }

        var hostile = JsonValue.Create(Script).ToJsonString();
        var client = await SendAsync("/api/v1/clients", $"{{\"name\":{hostile},\"email\":\"xss@hardening.test\"}}");
        var clientId = (int)client["id"]!;
        // Client A's own invoice with a hostile line, so the portal and the payment link show it too.
        var draft = await SendAsync("/api/v1/invoices", $"{{\"clientId\":{t.A.ClientId},\"dueDate\":\"2030-01-31\",\"lines\":[{{\"description\":{hostile},\"quantity\":1,\"unitPrice\":{{\"currency\":\"EUR\",\"value\":\"10.00\"}},\"taxRate\":0}}]}}");
        var invoiceId = (int)draft["id"]!;
        var issued = await SendAsync($"/api/v1/invoices/{invoiceId}/issue", "{}");
        await SendAsync($"/api/v1/invoices/{invoiceId}/payments", $"{{\"amount\":{{\"currency\":\"EUR\",\"value\":\"1.00\"}},\"method\":\"cash\",\"reference\":{hostile},\"receivedOn\":\"2026-11-01\"}}");
        await SendAsync("/api/v1/credit-requests", $"{{\"clientId\":{clientId},\"amount\":{{\"currency\":\"EUR\",\"value\":\"5.00\"}},\"description\":{hostile}}}");
        var payUrl = (string?)issued["paymentUrl"];

        var pages = new List<(string Caller, string Path)>
        {
            ("admin", "/admin"), ("admin", "/admin/clients"), ("admin", "/admin/invoices"),
            ("admin", "/admin/clients?search=" + Uri.EscapeDataString(Script)), ("admin", "/admin/invoices?search=" + Uri.EscapeDataString(Script)),
            ("client-a", "/portal"), ("client-a", $"/portal/invoices/{invoiceId}"),
            ("anonymous", "/account/login?ReturnUrl=" + Uri.EscapeDataString(Script)),
        };
        if (payUrl is not null)
        {
            pages.Add(("anonymous", new Uri(payUrl).AbsolutePath));
        }

        foreach (var (caller, path) in pages)
        {
            using var response = await t.Callers[caller].GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            figures.Check(response.StatusCode == HttpStatusCode.OK, $"{caller} {path} → {(int)response.StatusCode}");
            figures.Check(!Raw(html), $"raw script or handler in {caller} {path}");
        }

        // A formula for a name: the CSV export keeps it as text (OWASP CSV injection).
        await SendAsync("/api/v1/clients", "{\"name\":\"=HYPERLINK(\\\"http://evil.test\\\",\\\"x\\\")\",\"email\":\"formula@hardening.test\"}");
        var csv = await t.Callers["admin"].GetStringAsync("/admin/clients/export.csv");
        figures.Check(csv.Contains("'=HYPERLINK", StringComparison.Ordinal), "a formula in a client name is exported as a live formula");
        figures.Check(!Regex.IsMatch(csv, "(^|,|\n)\"?=HYPERLINK", RegexOptions.Multiline), "a CSV cell starts with =");
        figures.Check(csv.Contains(Script.Replace("\"", "\"\"", StringComparison.Ordinal), StringComparison.Ordinal) || csv.Contains("<script>", StringComparison.Ordinal), "the export lost the hostile name");

        await using (var db = t.App.CreateDbContext())
        {
            foreach (var mail in db.Outbox.ToList())
            {
                figures.Check(!Raw(mail.HtmlBody), $"raw script in email {mail.Kind} to {mail.To}");
                figures.Operation();
            }
        }
        figures.Detail("pages rendered", pages.Count);
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task Script_in_every_text_field_is_literal_text_in_invoice_PDFs_and_encoded_in_every_email()
    {
        await using var auto = await AutoChargeApp.StartAsync();
        var app = auto.App;
        var figures = new ReliabilityFigures("hostile-documents", "Hostile input", "Script and HTML in every text field: literal text in invoice PDFs, encoded in every email");
        await auto.FinanceUserAsync("fiona@invoicehub.test");
        string[] payloads = [Script, "<b onmouseover=alert(2)>bold</b>", "\"><svg onload=alert(3)>", "</p><iframe src=javascript:alert(4)></iframe>", "<a href='javascript:alert(5)'>x</a> & ' \\ ) ("];
        string[] fields = ["client", "line", "company", "address", "email", "vat"];
        string Value(string field, int i) => field == "email" ? $"email{i}{payloads[i]}@hostile.test" : field + i + payloads[i];
        var baseUri = new Uri("http://localhost/");
        var combinations = 0;

        for (var i = 0; i < payloads.Length; i++)
        {
            figures.Payload();
            var index = i;
            await app.SetSettingsAsync(s => s with { CompanyName = Value("company", index), CompanyAddress = Value("address", index) + "\nSecond line", CompanyEmail = Value("email", index), CompanyVatNumber = Value("vat", index) });
            var clientId = await auto.ClientWithMandateAsync(Value("client", i), $"hostile{i}@example.test");
            var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            // Due in three days: today is the first step of the reminder schedule.
            var draft = await services.GetRequiredService<CreateDraftInvoice>().HandleAsync(new CreateDraftInvoiceCommand(
                clientId, today.AddDays(3), [new DraftLine(Value("line", i), 1, new Money(4_200 + i, Currency.EUR), 0)]));
            await services.GetRequiredService<IssueInvoice>().HandleAsync(draft.Id);
            // Amounts ending in 13 make the simulator fail a direct debit.
            await auto.CreditRequestAsync(clientId, 5_013);

            var sent = await services.GetRequiredService<SendInvoice>().HandleAsync(draft.Id, baseUri);
            await services.GetRequiredService<PaymentRequests>().SendAsync(PayableKind.Invoice, draft.Id, baseUri);
            var links = services.GetRequiredService<PaymentLinks>();
            var url = await links.CreateSavedAsync(PayableKind.Invoice, draft.Id, baseUri);
            await links.RevokeAsync(PayableKind.Invoice, draft.Id);
            await links.EmailFreshLinkAsync(url[(url.LastIndexOf('/') + 1)..], baseUri);
            await app.RunAsync(JobCatalog.Reminders);

            // The invoice PDF (the Send & Print attachment, the same renderer as the PDF endpoints) shows every field as written.
            var text = Squeeze(PdfText.Extract(sent.Pdf));
            foreach (var field in fields)
            {
                combinations++;
                figures.Check(InOrder(text, Value(field, i)), $"PDF {i}: {field} is not shown as written");
            }
            var keys = PdfText.Keys(sent.Pdf);
            figures.Check(!keys.Intersect(["/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/SubmitForm"]).Any(), $"PDF {i} carries an action: {string.Join(", ", keys.Distinct())}");
            figures.Operation();
        }

        // Every payment fails four times: the client and Finance are told (auto-charge failure emails).
        foreach (var waitDays in new[] { 1, 3, 7, 0 })
        {
            await app.RunAsync(JobCatalog.AutoCharge);
            foreach (var pending in (await auto.AttemptsAsync()).Where(a => a.Status == Web.Features.Jobs.AutoCharge.AttemptStatus.Submitted))
            {
                await auto.SettleAsync(pending.ProviderPaymentId!);
            }
            await app.RunAsync(JobCatalog.AutoCharge);
            app.Clock.Advance(TimeSpan.FromDays(waitDays) + TimeSpan.FromMinutes(1));
        }
        app.Clock.Advance(TimeSpan.FromDays(30));
        await app.RunAsync(JobCatalog.AutoCharge);
        var attempts = await auto.AttemptsAsync();
        figures.Detail("auto-charge attempts", string.Join(", ", attempts.GroupBy(a => a.Status).Select(g => $"{g.Key} {g.Count()}")));

        // Each email: no live markup in the HTML part; the HTML (decoded) and the plain-text part carry the literal text.
        var outbox = await app.OutboxAsync();
        var kinds = new Dictionary<string, string[]>
        {
            [DocumentEmails.InvoiceSentKind] = ["client", "company"],
            [DocumentEmails.PaymentRequestKind] = ["client"],
            [DocumentEmails.FreshLinkKind] = ["client"],
            ["reminder"] = ["client", "company"],
            ["auto-charge-failed"] = ["client"],
        };
        foreach (var kind in kinds.Keys)
        {
            var count = outbox.Count(m => m.Kind == kind);
            figures.Check(count >= payloads.Length, $"only {count} {kind} emails for {payloads.Length} hostile clients");
            figures.Detail($"emails: {kind}", count);
        }
        foreach (var mail in outbox)
        {
            var what = $"{mail.Kind} email to {mail.To} \"{mail.Subject}\"";
            figures.Check(LiveMarkup(mail.HtmlBody) is null, $"{what}: live markup {LiveMarkup(mail.HtmlBody)}");
            var html = WebUtility.HtmlDecode(mail.HtmlBody);
            foreach (var field in kinds.GetValueOrDefault(mail.Kind) ?? ["client"])
            {
                combinations++;
                var shown = Enumerable.Range(0, payloads.Length).Select(i => Value(field, i)).FirstOrDefault(v => mail.TextBody.Contains(v, StringComparison.Ordinal));
                figures.Check(shown is not null, $"{what}: the plain-text part lacks the {field} as written");
                figures.Check(shown is null || html.Contains(shown, StringComparison.Ordinal), $"{what}: the HTML part does not show the {field} as text");
            }
            figures.Operation();
        }
        figures.Detail("payloads × fields × outputs checked", combinations);
        figures.Detail("fields", string.Join(", ", fields) + " (payment references reach neither PDFs nor emails)");
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task Every_form_carries_an_antiforgery_token_and_refuses_a_post_without_one()
    {
        // Each distinct form is also posted once with its token from a fresh sign-in (sign-out must not end the crawl).
        await using var t = await HardeningApp.StartAsync(new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "1000" });
        var figures = new ReliabilityFigures("antiforgery", "Hostile input", "Anti-forgery tokens on every server-rendered form and form endpoint (discovered)");
        var routes = AccessMatrixTests.DiscoverRoutes(t.App.Services)
            .Where(r => !AccessMatrixTests.StaticAsset(r.Pattern) && !r.Pattern.Contains("{**", StringComparison.Ordinal)
                        && !r.Pattern.StartsWith("/_", StringComparison.Ordinal) && !r.Pattern.StartsWith("/openapi", StringComparison.Ordinal) && r.Pattern != "/health"
                        && AccessMatrixTests.Classify(r.Method, r.Pattern) is not (Access.DevelopmentOnly or Access.AdminKey or Access.StaffKey or Access.PublicWebhook))
            .ToList();
        var emails = new Dictionary<string, string?>
        {
            ["admin"] = DemoUsers.Admin, ["finance"] = DemoUsers.Finance, ["client-a"] = DemoUsers.Client, ["client-b"] = HardeningApp.ClientBEmail, ["anonymous"] = null,
        };

        var pages = 0;
        var occurrences = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (method, pattern) in routes)
        {
            string path;
            try
            {
                path = AccessMatrixTests.Fill(pattern, t).First().Path;
            }
            catch (InvalidOperationException e)
            {
                figures.Check(false, e.Message);
                continue;
            }

            if (method != "GET")
            {
                // A form endpoint without a page (sign-out): a post without a token is refused for everyone.
                foreach (var caller in emails.Keys)
                {
                    figures.Payload();
                    using var forged = await t.Callers[caller].PostAsync(path, new FormUrlEncodedContent([]));
                    figures.Check(forged.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} without a token ({caller}) → {(int)forged.StatusCode}");
                }
                continue;
            }

            foreach (var (caller, email) in emails)
            {
                using var page = await t.Callers[caller].GetAsync(path);
                if (page.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }
                pages++;
                var html = await page.Content.ReadAsStringAsync();
                foreach (Match form in PostForm().Matches(html))
                {
                    occurrences++;
                    var body = form.Groups["body"].Value;
                    var action = WebUtility.HtmlDecode(Regex.Match(form.Value, "action=\"(?<a>[^\"]*)\"").Groups["a"].Value) is { Length: > 0 } a ? a : path;
                    var fields = HiddenFields(body);
                    figures.Check(fields.ContainsKey("__RequestVerificationToken"), $"form without token on {path} ({caller})");
                    fields.Remove("__RequestVerificationToken");
                    figures.Payload();
                    using var forged = await t.Callers[caller].PostAsync(action, new FormUrlEncodedContent(fields));
                    figures.Check(forged.StatusCode == HttpStatusCode.BadRequest, $"post without token to {action} from {path} ({caller}) → {(int)forged.StatusCode}");

                    // The same form with its token is accepted (the refusal above is the token's doing, not the form's).
                    if (distinct.Add($"{caller} {action} {string.Join(",", fields.Keys.Order())}"))
                    {
                        var fresh = email is null ? t.NewHttpClient() : await t.SignedInAsync(email);
                        var again = PostForm().Matches(await fresh.GetStringAsync(path)).Select(f => HiddenFields(f.Groups["body"].Value))
                            .FirstOrDefault(f => f.Keys.Order().SequenceEqual(fields.Keys.Append("__RequestVerificationToken").Order()));
                        figures.Check(again is not null, $"the form to {action} on {path} ({caller}) is gone on a second look");
                        using var genuine = await fresh.PostAsync(action, new FormUrlEncodedContent(again ?? []));
                        figures.Check(genuine.StatusCode != HttpStatusCode.BadRequest, $"post with token to {action} from {path} ({caller}) → {(int)genuine.StatusCode}");
                    }
                }
            }
        }
        figures.Detail("routes looked at", routes.Count);
        figures.Detail("pages rendered (route × caller)", pages);
        figures.Detail("forms found / distinct (caller × action × fields)", $"{occurrences} / {distinct.Count}");
        figures.Detail("form actions", string.Join(", ", distinct.Select(d => d.Split(' ')[1]).Distinct().Order()));
        figures.Check(distinct.Count >= 2, $"only {distinct.Count} distinct forms found: sign-in and sign-out at least");
        figures.WriteAndAssertClean();
    }

    private static Dictionary<string, string> HiddenFields(string formBody) =>
        Regex.Matches(formBody, "<input\\b[^>]*type=\"hidden\"[^>]*name=\"(?<n>[^\"]+)\"[^>]*value=\"(?<v>[^\"]*)\"")
            .GroupBy(m => m.Groups["n"].Value)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["v"].Value));

    [GeneratedRegex("<form\\b[^>]*method=\"post\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [Fact]
    public async Task Every_route_sends_the_security_headers()
    {
        await using var t = await HardeningApp.StartAsync();
        var figures = new ReliabilityFigures("security-headers", "Hostile input", "Security headers on every discovered route");
        var anonymous = t.Callers["anonymous"];
        var admin = t.Callers["admin"];
        foreach (var (method, pattern) in AccessMatrixTests.DiscoverRoutes(t.App.Services).Where(r => r.Method == "GET" && !r.Pattern.Contains('{', StringComparison.Ordinal)))
        {
            if (AccessMatrixTests.StaticAsset(pattern) && !pattern.EndsWith(".css", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var client in new[] { anonymous, admin })
            {
                using var response = await client.GetAsync(pattern);
                var what = $"{method} {pattern} → {(int)response.StatusCode}";
                figures.Check(response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("frame-ancestors 'none'", StringComparison.Ordinal), "no CSP: " + what);
                figures.Check(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", "no nosniff: " + what);
                figures.Check(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", "no X-Frame-Options: " + what);
                figures.Check(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "same-origin", "no Referrer-Policy: " + what);
                figures.Check(!response.Headers.Contains("Server") || !response.Headers.GetValues("Server").Any(v => v.Contains('/', StringComparison.Ordinal)), "server version disclosed: " + what);
            }
        }
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task Payment_links_and_the_webhook_are_throttled_and_tokens_cannot_be_guessed()
    {
        await using var t = await HardeningApp.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:PaymentLinkPerMinute"] = "5",
            ["RateLimits:WebhookPerMinute"] = "5",
        });
        var figures = new ReliabilityFigures("rate-limits", "Hostile input", "Throttles on payment links and the webhook; payment-link token strength");
        // Fresh callers: the fixture's own requests already used part of the budget of this address.
        var anonymous = t.NewHttpClient();
        var linkStatuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            figures.Payload();
            using var response = await anonymous.GetAsync("/pay/" + PaymentLink.NewToken().Token);
            linkStatuses.Add((int)response.StatusCode);
        }
        figures.Check(linkStatuses.Count(s => s == 429) >= 3, "payment-link guessing not throttled: " + string.Join(",", linkStatuses));
        figures.Check(linkStatuses.Take(3).All(s => s == 404), "a guessed token was not a plain 404: " + string.Join(",", linkStatuses));

        var webhookStatuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            figures.Payload();
            using var response = await anonymous.PostAsync("/api/v1/webhooks/mollie", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "tr_x" + i }));
            webhookStatuses.Add((int)response.StatusCode);
        }
        figures.Check(webhookStatuses.Take(5).All(s => s == 200) && webhookStatuses.Skip(5).All(s => s == 429), "webhook throttle: " + string.Join(",", webhookStatuses));

        // 32 random bytes: guessing one of even a million live links takes ~2^236 tries; at 5 a minute, forever.
        var tokens = Enumerable.Range(0, 2000).Select(_ => PaymentLink.NewToken().Token).ToList();
        figures.Check(tokens.Distinct(StringComparer.Ordinal).Count() == tokens.Count, "payment-link tokens repeat");
        figures.Check(tokens.All(x => x.Length >= 43 && Regex.IsMatch(x, "^[A-Za-z0-9_-]+$")), "payment-link token shorter than 256 bits of base64url");
        figures.Detail("token entropy (bits)", PaymentLink.TokenBytes * 8);
        figures.WriteAndAssertClean();
    }

    /// <summary>The first tag that would run or load something (script, frame, object, svg, img, or any on… handler); null when the HTML is inert.</summary>
    private static string? LiveMarkup(string html) =>
        Regex.Match(html, @"<\s*/?\s*(script|iframe|frame|object|embed|svg|img|math|form)\b[^>]*>|<[a-z][^>]*\son[a-z]+\s*=[^>]*>|<[a-z][^>]*javascript:[^>]*>", RegexOptions.IgnoreCase) is { Success: true } m ? m.Value : null;

    /// <summary>Text without white space: a PDF wraps long values over several rows.</summary>
    private static string Squeeze(string text) => Regex.Replace(text, @"\s+", "");

    /// <summary>The words of <paramref name="value"/> appear in order in the squeezed PDF text (a wrapped table cell's rows are interleaved with the other cells).</summary>
    private static bool InOrder(string squeezed, string value)
    {
        var at = 0;
        foreach (var word in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            at = squeezed.IndexOf(word, at, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }
            at += word.Length;
        }
        return true;
    }

    private static bool Raw(string html) =>
        html.Contains("<script>alert", StringComparison.OrdinalIgnoreCase) || html.Contains("onerror=alert", StringComparison.OrdinalIgnoreCase) && html.Contains("<img src=x", StringComparison.OrdinalIgnoreCase);

    private static bool ProblemSaysWhy(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            return !string.IsNullOrWhiteSpace((string?)node?["detail"]) || node?["errors"] is JsonObject { Count: > 0 };
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
