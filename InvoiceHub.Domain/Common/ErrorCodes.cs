namespace InvoiceHub.Domain.Common;

/// <summary>The stable codes of <see cref="DomainException"/>; API clients may rely on them.</summary>
public static class ErrorCodes
{
    public const string UnknownCurrency = "unknown_currency";
    public const string CurrencyMismatch = "currency_mismatch";
    public const string InvalidAmount = "invalid_amount";
    public const string AmountOutOfRange = "amount_out_of_range";
    public const string InsufficientBalance = "insufficient_balance";
    public const string NoBalance = "no_balance";
    public const string ReasonRequired = "reason_required";
    public const string InvalidName = "invalid_name";
    public const string InvalidEmail = "invalid_email";
    public const string DuplicateEmail = "duplicate_email";
    public const string InvalidAddress = "invalid_address";
    public const string InvalidVatNumber = "invalid_vat_number";
    public const string InvalidLanguage = "invalid_language";
    public const string InvalidDescription = "invalid_description";
    public const string InvalidQuantity = "invalid_quantity";
    public const string InvalidUnitPrice = "invalid_unit_price";
    public const string InvalidTaxRate = "invalid_tax_rate";
    public const string InvalidInvoiceNumber = "invalid_invoice_number";
    public const string InvoiceNotDraft = "invoice_not_draft";
    public const string InvoiceNotOpen = "invoice_not_open";
    public const string InvoiceAlreadyVoid = "invoice_already_void";
    public const string InvoiceHasNoLines = "invoice_has_no_lines";
    public const string LineNotFound = "line_not_found";
    public const string TooManyLines = "too_many_lines";
    public const string AllocationExceedsStillToPay = "allocation_exceeds_still_to_pay";
    public const string CreditRequestNotOpen = "credit_request_not_open";
    public const string PaymentDoesNotCover = "payment_does_not_cover";
    public const string InvalidPaymentTransition = "invalid_payment_transition";
    public const string PaymentNotPaid = "payment_not_paid";
    public const string PaymentAlreadyRecorded = "payment_already_recorded";
    public const string InvalidReference = "invalid_reference";
    public const string InvalidOfflineMethod = "invalid_offline_method";
    public const string ProviderIdAlreadySet = "provider_id_already_set";
    public const string PayFromCreditDisabled = "pay_from_credit_disabled";
    public const string WrongClient = "wrong_client";
    public const string RefundExceedsPaid = "refund_exceeds_paid";
    public const string RefundExceedsRefundable = "refund_exceeds_refundable";
    public const string RefundNotPossible = "refund_not_possible";
    public const string DocumentNotPayable = "document_not_payable";
    public const string ChargebackNotPossible = "chargeback_not_possible";
    public const string MandateNotAccepted = "mandate_not_accepted";
    public const string InvalidIban = "invalid_iban";
    public const string InvalidPeriod = "invalid_period";
    public const string InvalidCreditNoteNumber = "invalid_credit_note_number";
    public const string CreditExceedsCreditable = "credit_exceeds_creditable";
    public const string InvoiceNotCreditable = "invoice_not_creditable";
}
