namespace InvoiceHub.Domain.Common;

/// <summary>
/// A rule of the business was broken. <see cref="Exception.Message"/> tells a person what to do,
/// <see cref="Code"/> is stable for API clients and tests, <see cref="Field"/> names the input at fault.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message, string? field = null)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
        Field = field;
    }

    public string Code { get; }

    public string? Field { get; }
}
