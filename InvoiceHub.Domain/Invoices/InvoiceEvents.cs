using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Invoices;

public sealed record InvoiceIssued(Invoice Invoice, string Number, Money Total, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record InvoicePaid(Invoice Invoice, Money Total, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record InvoiceVoided(Invoice Invoice, Money ReturnedToBalance, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>Credit from the client's balance was applied to the invoice.</summary>
public sealed record CreditApplied(Invoice Invoice, Money Amount, Money StillToPay, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>(Part of) a paid payment was allocated to the invoice.</summary>
public sealed record PaymentAllocated(Invoice Invoice, Payment Payment, Money Amount, Money StillToPay, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A credit note took part (or all) of the invoice back.</summary>
public sealed record InvoiceCredited(Invoice Invoice, CreditNote CreditNote, Money StillToPay, DateTimeOffset OccurredAt) : IDomainEvent;
