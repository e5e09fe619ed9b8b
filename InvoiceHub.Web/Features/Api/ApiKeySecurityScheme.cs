using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace InvoiceHub.Web.Features.Api;

/// <summary>Tells OpenAPI readers that the API takes <c>Authorization: Bearer &lt;api key&gt;</c>.</summary>
public sealed class ApiKeySecurityScheme : IOpenApiDocumentTransformer
{
    private const string Name = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An InvoiceHub API key (ih_…) as bearer token; Admin or Finance role. The Mollie webhook needs none.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, document)] = [] });
        return Task.CompletedTask;
    }
}
