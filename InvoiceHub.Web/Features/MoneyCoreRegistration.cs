using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.CreditRequests;
using InvoiceHub.Web.Features.Invoices;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InvoiceHub.Web.Features;

/// <summary>The money-core use cases (clients, invoices, credit requests) and the transaction runner they share.</summary>
public static class MoneyCoreRegistration
{
    public static IServiceCollection AddMoneyCore(this IServiceCollection services)
    {
        // Singletons: each opens a context per operation through MoneyTransaction or the factory, so pages inject them
        // directly and nothing scoped lives as long as a circuit (the runner and the events come with the database).

        services.TryAddSingleton<CreateClient>();
        services.TryAddSingleton<UpdateClient>();
        services.TryAddSingleton<AdjustClientBalance>();
        services.TryAddSingleton<GetClient>();

        services.TryAddSingleton<CreateDraftInvoice>();
        services.TryAddSingleton<IssueInvoice>();
        services.TryAddSingleton<PayInvoiceFromCredit>();
        services.TryAddSingleton<RecordInvoicePayment>();
        services.TryAddSingleton<VoidInvoice>();
        services.TryAddSingleton<GetInvoice>();

        services.TryAddSingleton<CreateCreditRequest>();
        services.TryAddSingleton<RecordCreditRequestPayment>();
        services.TryAddSingleton<CancelCreditRequest>();
        services.TryAddSingleton<GetCreditRequest>();
        return services;
    }
}
