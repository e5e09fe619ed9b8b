using System.Text.Json;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>The Customers API (docs.mollie.com/reference/create-customer, get-, list-, update-, delete-customer).</summary>
public sealed partial class MollieSimulatorState
{
    internal SimResponse CreateCustomer(JsonElement body, string baseUrl)
    {
        if ((PaymentRequest.CheckMetadata(body, out var metadata) ?? PaymentRequest.CheckLocale(Json.Text(body, "locale"))) is { } problem)
        {
            return problem;
        }
        var customer = new SimCustomer
        {
            Id = NewId("cst_"),
            Name = Json.Text(body, "name"),
            Email = Json.Text(body, "email"),
            Locale = Json.Text(body, "locale"),
            Metadata = metadata,
            CreatedAt = Now,
        };
        lock (_gate)
        {
            _customers.Add(customer.Id, customer);
            _customersInOrder.Add(customer);
            return SimResponse.Json(201, SimJson.Customer(customer, baseUrl));
        }
    }

    internal SimResponse GetCustomer(string id, string baseUrl)
    {
        lock (_gate)
        {
            return CustomerProblem(id) ?? SimResponse.Json(200, SimJson.Customer(_customers[id], baseUrl));
        }
    }

    internal SimResponse ListCustomers(PageRequest page, string baseUrl)
    {
        lock (_gate)
        {
            return Pagination.Answer(page, "customers", "customer", _customersInOrder.Where(c => !c.Deleted), c => c.Id, c => SimJson.Customer(c, baseUrl));
        }
    }

    /// <summary>PATCH: name, email, locale and metadata; members left out keep their value.</summary>
    internal SimResponse UpdateCustomer(string id, JsonElement body, string baseUrl)
    {
        if ((PaymentRequest.CheckMetadata(body, out var metadata) ?? PaymentRequest.CheckLocale(Json.Text(body, "locale"))) is { } problem)
        {
            return problem;
        }
        lock (_gate)
        {
            if (CustomerProblem(id) is { } missing)
            {
                return missing;
            }
            var customer = _customers[id];
            customer.Name = Json.Text(body, "name") ?? customer.Name;
            customer.Email = Json.Text(body, "email") ?? customer.Email;
            customer.Locale = Json.Text(body, "locale") ?? customer.Locale;
            customer.Metadata = metadata ?? customer.Metadata;
            return SimResponse.Json(200, SimJson.Customer(customer, baseUrl));
        }
    }

    /// <summary>DELETE answers 204; the customer's mandates are revoked with it and the customer then answers 410 Gone.</summary>
    internal SimResponse DeleteCustomer(string id)
    {
        lock (_gate)
        {
            if (CustomerProblem(id) is { } missing)
            {
                return missing;
            }
            var customer = _customers[id];
            customer.Deleted = true;
            foreach (var mandate in customer.Mandates)
            {
                mandate.Revoked = true;
                mandate.Status = "invalid";
            }
            return SimResponse.NoContent();
        }
    }

    /// <summary>Under the lock: 404 for an unknown customer, 410 for a deleted one, null when it can be used.</summary>
    private SimResponse? CustomerProblem(string id) =>
        !_customers.TryGetValue(id, out var customer) ? SimResponse.NotFound("customer", id)
        : customer.Deleted ? SimResponse.Problem(410, $"The customer {id} has been deleted.")
        : null;
}
