using InvoiceHub.Web.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace InvoiceHub.Web.Features.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post, never a GET, so a link cannot sign anyone out. UseAntiforgery checks only endpoints that bind
        // a form, which this one does not: the token is validated here, so another site cannot post it either.
        endpoints.MapPost("/account/logout", async (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] SignInManager<AppUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired",
                    detail: "Sign-out needs the form of this site. Reload the page and sign out again.");
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
        endpoints.MapGet("/", (HttpContext context) => TypedResults.LocalRedirect(Homes.For(context.User)));
        return endpoints;
    }
}
