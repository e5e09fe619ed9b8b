using InvoiceHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace InvoiceHub.Web.Features.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (anti-forgery checked by UseAntiforgery), never a GET, so a link cannot sign anyone out.
        endpoints.MapPost("/account/logout", async ([FromServices] SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });
        endpoints.MapGet("/", (HttpContext context) => TypedResults.LocalRedirect(Homes.For(context.User)));
        return endpoints;
    }
}
