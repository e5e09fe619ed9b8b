using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.CreditRequests;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Infrastructure.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InvoiceHub.Web.Features;

/// <summary>The money-core use cases (clients, invoices, credit requests) and the transaction runner they share.</summary>
public static class MoneyCoreRegistration
{
    public static IServiceCollection AddMoneyCore(this IServiceCollection services)
    {
        // TryAdd: the runner and the events may also be registered by other features; one instance each.
        services.TryAddSingleton<DocumentEvents>();
        services.TryAddSingleton<MoneyTransaction>();

        services.TryAddScoped<CreateClient>();
        services.TryAddScoped<AdjustClientBalance>();
        services.TryAddScoped<GetClient>();

        services.TryAddScoped<CreateDraftInvoice>();
        services.TryAddScoped<IssueInvoice>();
        services.TryAddScoped<PayInvoiceFromCredit>();
        services.TryAddScoped<RecordInvoicePayment>();
        services.TryAddScoped<VoidInvoice>();
        services.TryAddScoped<GetInvoice>();

        services.TryAddScoped<CreateCreditRequest>();
        services.TryAddScoped<RecordCreditRequestPayment>();
        services.TryAddScoped<CancelCreditRequest>();
        services.TryAddScoped<GetCreditRequest>();
        return services;
    }
}
