using MudBlazor;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>A data grid's sort column, as the list query's sort key (<see cref="CreditNoteListQuery.Sorts"/>); none is newest first.</summary>
public static class CreditNoteGridSort
{
    public static string? Of(SortDefinition<CreditNoteListRow>? sort) =>
        sort is null
            ? null
            : (sort.SortBy, sort.Descending) switch
            {
                (nameof(CreditNoteListRow.Number), false) => "number",
                (nameof(CreditNoteListRow.Number), true) => "-number",
                (nameof(CreditNoteListRow.IssuedOn), false) => "issued",
                (nameof(CreditNoteListRow.TotalMinor), false) => "total",
                (nameof(CreditNoteListRow.TotalMinor), true) => "-total",
                (nameof(CreditNoteListRow.ClientName), _) => "client",
                (nameof(CreditNoteListRow.InvoiceNumber), _) => "invoice",
                _ => null,
            };
}
