namespace InvoiceHub.Web.Infrastructure.Errors;

/// <summary>A use case was asked for a client or document that does not exist (the API answers 404).</summary>
public sealed class NotFoundException(string kind, int id)
    : Exception($"There is no {kind} with id {id}.")
{
    public string Kind { get; } = kind;

    public int Id { get; } = id;
}
