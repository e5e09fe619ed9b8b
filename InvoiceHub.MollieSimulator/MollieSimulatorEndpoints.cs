using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InvoiceHub.MollieSimulator;

public static class MollieSimulatorEndpoints
{
    /// <summary>
    /// Registers the simulator's state (a singleton) and the HttpClient its webhooks go out on. The state takes the
    /// app's TimeProvider (the system clock when there is none), so a test clock moves its lifecycles.
    /// </summary>
    public static IServiceCollection AddMollieSimulator(this IServiceCollection services, Action<MollieSimulatorOptions>? configure = null)
    {
        var options = new MollieSimulatorOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddSingleton<MollieSimulatorState>();
        return services;
    }

    /// <summary>
    /// Maps the simulator under <paramref name="prefix"/>: Mollie's API at <c>{prefix}/v2/…</c>, the hosted checkout at
    /// <c>{prefix}/checkout/{id}</c>, payment-link pages at <c>{prefix}/pay/{id}</c> and the test controls at
    /// <c>{prefix}/_sim/…</c>. Anything else under the prefix gets a HAL problem body (404, or 405 with Allow).
    /// </summary>
    public static RouteGroupBuilder MapMollieSimulator(this IEndpointRouteBuilder endpoints, string prefix = "/mollie-simulator")
    {
        var normalized = prefix.TrimEnd('/');
        var state = endpoints.ServiceProvider.GetRequiredService<MollieSimulatorState>();
        state.Prefix = normalized;
        var root = endpoints.MapGroup(normalized.Length == 0 ? "/" : normalized).ExcludeFromDescription();
        var routes = new SimRouteCatalog(root);

        MapApi(routes);
        routes.Map("GET", "/checkout/{id}", CheckoutPage.ShowAsync);
        routes.Map("POST", "/checkout/{id}", CheckoutPage.SubmitAsync);
        routes.Map("GET", "/pay/{id}", PaymentLinkPage.ShowAsync);
        routes.Map("POST", "/pay/{id}", PaymentLinkPage.SubmitAsync);
        SimControls.Map(routes);
        routes.MapUnmatched(state);
        state.Routes = routes.Routes;
        return root;
    }

    private static void MapApi(SimRouteCatalog api)
    {
        // Payments API (docs.mollie.com/reference/create-payment, get-, list-, update-, cancel-payment)
        api.Api("POST", "/payments", (s, c) => s.CreatePayment(c.Body, c.BaseUrl));
        api.Api("GET", "/payments", (s, c) => s.ListPayments(c.Page, c.BaseUrl, c.QueryList("embed")));
        api.Api("GET", "/payments/{id}", (s, c) => s.GetPayment(c.Route("id"), c.BaseUrl, c.QueryList("embed")));
        api.Api("PATCH", "/payments/{id}", (s, c) => s.UpdatePayment(c.Route("id"), c.Body, c.BaseUrl));
        api.Api("DELETE", "/payments/{id}", (s, c) => s.CancelPaymentAsync(c.Route("id"), c.BaseUrl));

        // Refunds API (create-refund, get-refund, list-refunds, list-all-refunds, cancel-refund)
        api.Api("POST", "/payments/{id}/refunds", (s, c) => s.CreateRefund(c.Route("id"), c.Body, c.BaseUrl));
        api.Api("GET", "/payments/{id}/refunds", (s, c) => s.ListRefunds(c.Route("id"), c.Page, c.BaseUrl));
        api.Api("GET", "/payments/{id}/refunds/{refundId}", (s, c) => s.GetRefund(c.Route("id"), c.Route("refundId"), c.BaseUrl));
        api.Api("DELETE", "/payments/{id}/refunds/{refundId}", (s, c) => s.CancelRefund(c.Route("id"), c.Route("refundId")));
        api.Api("GET", "/refunds", (s, c) => s.ListRefunds(null, c.Page, c.BaseUrl));

        // Chargebacks API (get-chargeback, list-chargebacks, list-all-chargebacks)
        api.Api("GET", "/payments/{id}/chargebacks", (s, c) => s.ListChargebacks(c.Route("id"), c.Page, c.BaseUrl));
        api.Api("GET", "/payments/{id}/chargebacks/{chargebackId}", (s, c) => s.GetChargeback(c.Route("id"), c.Route("chargebackId"), c.BaseUrl, c.QueryList("embed")));
        api.Api("GET", "/chargebacks", (s, c) => s.ListChargebacks(null, c.Page, c.BaseUrl));

        // Methods API (list-methods, list-all-methods, get-method)
        api.Api("GET", "/methods", (_, c) => MethodsList.Answer(c, all: false));
        api.Api("GET", "/methods/all", (_, c) => MethodsList.Answer(c, all: true));
        api.Api("GET", "/methods/{id}", (_, c) => MethodsList.One(c, c.Route("id")));

        // Customers API and customer payments (create-, get-, list-, update-, delete-customer; create-/list-customer-payment(s))
        api.Api("POST", "/customers", (s, c) => s.CreateCustomer(c.Body, c.BaseUrl));
        api.Api("GET", "/customers", (s, c) => s.ListCustomers(c.Page, c.BaseUrl));
        api.Api("GET", "/customers/{id}", (s, c) => s.GetCustomer(c.Route("id"), c.BaseUrl));
        api.Api("PATCH", "/customers/{id}", (s, c) => s.UpdateCustomer(c.Route("id"), c.Body, c.BaseUrl));
        api.Api("DELETE", "/customers/{id}", (s, c) => s.DeleteCustomer(c.Route("id")));
        api.Api("POST", "/customers/{id}/payments", (s, c) => s.CreatePayment(c.Body, c.BaseUrl, c.Route("id")));
        api.Api("GET", "/customers/{id}/payments", (s, c) => s.ListCustomerPayments(c.Route("id"), c.Page, c.BaseUrl));

        // Mandates API (create-, get-, list-, revoke-mandate)
        api.Api("POST", "/customers/{id}/mandates", (s, c) => s.CreateMandate(c.Route("id"), c.Body, c.BaseUrl));
        api.Api("GET", "/customers/{id}/mandates", (s, c) => s.ListMandates(c.Route("id"), c.Page, c.BaseUrl));
        api.Api("GET", "/customers/{id}/mandates/{mandateId}", (s, c) => s.GetMandate(c.Route("id"), c.Route("mandateId"), c.BaseUrl));
        api.Api("DELETE", "/customers/{id}/mandates/{mandateId}", (s, c) => s.RevokeMandate(c.Route("id"), c.Route("mandateId")));

        // Payment Links API (create-, get-, list-, update-, delete-payment-link, get-payment-link-payments)
        api.Api("POST", "/payment-links", (s, c) => s.CreatePaymentLink(c.Body, c.BaseUrl));
        api.Api("GET", "/payment-links", (s, c) => s.ListPaymentLinks(c.Page, c.BaseUrl));
        api.Api("GET", "/payment-links/{id}", (s, c) => s.GetPaymentLink(c.Route("id"), c.BaseUrl));
        api.Api("PATCH", "/payment-links/{id}", (s, c) => s.UpdatePaymentLink(c.Route("id"), c.Body, c.BaseUrl));
        api.Api("DELETE", "/payment-links/{id}", (s, c) => s.DeletePaymentLink(c.Route("id")));
        api.Api("GET", "/payment-links/{id}/payments", (s, c) => s.ListPaymentLinkPayments(c.Route("id"), c.Page, c.BaseUrl));
    }
}
