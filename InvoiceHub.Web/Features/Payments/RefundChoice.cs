using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>What staff chose in the Refund dialog: how much, to where, why, and whether the invoice it paid is credited or reopened.</summary>
public sealed record RefundChoice(Money Amount, RefundDestination Destination, string Reason, bool CreditInvoices);
