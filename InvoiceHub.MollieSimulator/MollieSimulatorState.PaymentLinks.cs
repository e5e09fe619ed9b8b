using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// The Payment Links API (docs.mollie.com/reference/create-payment-link, get-, list-, update-, delete-payment-link,
/// get-payment-link-payments). A link does not expire unless <c>expiresAt</c> is given; its public page
/// (<c>_links.paymentLink</c>, served by <see cref="PaymentLinkPage"/>) creates a payment and sends the payer to checkout.
/// </summary>
public sealed partial class MollieSimulatorState
{
    internal SimResponse CreatePaymentLink(JsonElement body, string baseUrl)
    {
        var description = Json.Text(body, "description");
        if (string.IsNullOrWhiteSpace(description))
        {
            return SimResponse.Problem(422, "The description is invalid", "description");
        }
        SimAmount? amount = null;
        if (Json.Member(body, "amount") is { ValueKind: not JsonValueKind.Null } amountJson && (amount = SimAmount.Parse(amountJson, "amount", out var amountProblem)) is null)
        {
            return amountProblem!;
        }
        if (amount is not null && amount.Value < 0.01m)
        {
            return SimResponse.Problem(422, "The amount is lower than the minimum", "amount");
        }
        if (PaymentRequest.CheckWebhookUrl(Json.Text(body, "webhookUrl"), _options.AllowLocalWebhookUrls) is { } webhookProblem)
        {
            return webhookProblem;
        }
        DateTimeOffset? expiresAt = null;
        if (Json.Text(body, "expiresAt") is { } expiresText)
        {
            if (!DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed <= Now)
            {
                return SimResponse.Problem(422, "The expiry date is invalid; it must be in the future", "expiresAt");
            }
            expiresAt = parsed;
        }
        var allowed = AllowedMethods(body, out var methodsProblem);
        if (methodsProblem is not null)
        {
            return methodsProblem;
        }
        var link = new SimPaymentLink
        {
            Id = NewId("pl_"),
            Description = description.Length > 255 ? description[..255] : description,
            Amount = amount,
            RedirectUrl = Json.Text(body, "redirectUrl"),
            WebhookUrl = Json.Text(body, "webhookUrl"),
            Reusable = Json.Bool(body, "reusable") ?? false,
            AllowedMethods = allowed ?? [],
            CreatedAt = Now,
            ExpiresAt = expiresAt,
        };
        lock (_gate)
        {
            _paymentLinks.Add(link.Id, link);
            _paymentLinksInOrder.Add(link);
            return SimResponse.Json(201, SimJson.PaymentLink(link, baseUrl));
        }
    }

    internal SimResponse GetPaymentLink(string id, string baseUrl)
    {
        lock (_gate)
        {
            return _paymentLinks.TryGetValue(id, out var link) ? SimResponse.Json(200, SimJson.PaymentLink(link, baseUrl)) : SimResponse.NotFound("payment link", id);
        }
    }

    internal SimResponse ListPaymentLinks(PageRequest page, string baseUrl)
    {
        lock (_gate)
        {
            return Pagination.Answer(page, "payment_links", "payment link", _paymentLinksInOrder, l => l.Id, l => SimJson.PaymentLink(l, baseUrl));
        }
    }

    /// <summary>PATCH: description, minimumAmount, archived and allowedMethods.</summary>
    internal SimResponse UpdatePaymentLink(string id, JsonElement body, string baseUrl)
    {
        var allowed = AllowedMethods(body, out var problem);
        SimAmount? minimum = null;
        if (problem is null && Json.Member(body, "minimumAmount") is { ValueKind: not JsonValueKind.Null } minimumJson)
        {
            minimum = SimAmount.Parse(minimumJson, "minimumAmount", out problem);
        }
        if (problem is not null)
        {
            return problem;
        }
        lock (_gate)
        {
            if (!_paymentLinks.TryGetValue(id, out var link))
            {
                return SimResponse.NotFound("payment link", id);
            }
            link.Description = Json.Text(body, "description") is { Length: > 0 } description ? description : link.Description;
            link.Archived = Json.Bool(body, "archived") ?? link.Archived;
            link.AllowedMethods = allowed ?? link.AllowedMethods;
            link.MinimumAmount = minimum ?? link.MinimumAmount;
            link.UpdatedAt = Now;
            return SimResponse.Json(200, SimJson.PaymentLink(link, baseUrl));
        }
    }

    /// <summary>204; a link that was paid stays, as its payments refer to it (Mollie's wording unconfirmed).</summary>
    internal SimResponse DeletePaymentLink(string id)
    {
        lock (_gate)
        {
            if (!_paymentLinks.TryGetValue(id, out var link))
            {
                return SimResponse.NotFound("payment link", id);
            }
            if (link.PaidAt is not null)
            {
                return SimResponse.Problem(422, "A payment link that has been paid cannot be deleted; archive it instead");
            }
            _paymentLinks.Remove(id);
            _paymentLinksInOrder.Remove(link);
            return SimResponse.NoContent();
        }
    }

    internal SimResponse ListPaymentLinkPayments(string id, PageRequest page, string baseUrl)
    {
        lock (_gate)
        {
            return _paymentLinks.ContainsKey(id) ? ListPayments(page, baseUrl, null, p => p.PaymentLinkId == id) : SimResponse.NotFound("payment link", id);
        }
    }

    /// <summary>For the link's public page: a new payment for it, or why none can be made (archived, expired, paid).</summary>
    internal (string? CheckoutUrl, string? Refusal) PayPaymentLink(string id, string? amountText, string baseUrl)
    {
        JsonObject request;
        lock (_gate)
        {
            if (!_paymentLinks.TryGetValue(id, out var link))
            {
                return (null, $"No payment link exists with token {id}.");
            }
            if (link.Archived || link.ExpiresAt <= Now || (!link.Reusable && link.PaidAt is not null))
            {
                return (null, link.PaidAt is not null && !link.Reusable ? "This payment link has been paid." : "This payment link is no longer active.");
            }
            var amount = link.Amount?.ToJson() ?? new JsonObject { ["currency"] = link.MinimumAmount?.Currency ?? "EUR", ["value"] = amountText ?? "" };
            request = new JsonObject
            {
                ["amount"] = amount,
                ["description"] = link.Description,
                ["redirectUrl"] = link.RedirectUrl ?? $"{baseUrl}/pay/{id}",
                ["webhookUrl"] = link.WebhookUrl,
                ["method"] = new JsonArray(link.AllowedMethods.Select(m => (JsonNode?)m).ToArray()),
            };
            if (link.Amount is null && link.MinimumAmount is { } minimum && decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var chosen) && chosen < minimum.Value)
            {
                return (null, $"The amount must be at least {minimum.Currency} {minimum.Text}.");
            }
        }
        var created = CreatePayment(JsonSerializer.SerializeToElement(request), baseUrl, null, id);
        using var answer = JsonDocument.Parse(created.Body!);
        if (created.Status != 201)
        {
            return (null, answer.RootElement.GetProperty("detail").GetString());
        }
        return (answer.RootElement.GetProperty("_links").GetProperty("checkout").GetProperty("href").GetString(), null);
    }

    private static List<string>? AllowedMethods(JsonElement body, out SimResponse? problem)
    {
        problem = null;
        if (Json.Member(body, "allowedMethods") is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }
        var methods = array.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : "").ToList();
        if (methods.Any(m => PaymentMethod.Find(m) is not { } method || !method.SequenceTypes.Contains("oneoff")))
        {
            problem = SimResponse.Problem(422, "The allowed methods are invalid", "allowedMethods");
            return null;
        }
        return methods;
    }
}

public sealed partial class MollieSimulatorState
{
    internal bool PaymentLinkNeedsAmount(string id)
    {
        lock (_gate)
        {
            return _paymentLinks.TryGetValue(id, out var link) && link.Amount is null;
        }
    }
}
