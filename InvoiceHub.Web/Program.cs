using InvoiceHub.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddInvoiceHub();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseInvoiceHub();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
