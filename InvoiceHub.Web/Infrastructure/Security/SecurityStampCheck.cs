using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace InvoiceHub.Web.Infrastructure.Security;

/// <summary>
/// The sign-in cookie's security-stamp check, asked for only when it is due. Identity's validator is a scoped service
/// over SignInManager, UserManager and a DbContext; resolved on every request it would also be built for the request
/// that carries a Blazor circuit's socket, and that request lives, with its scope, as long as the circuit. The validator
/// itself does nothing until <see cref="SecurityStampValidatorOptions.ValidationInterval"/> has passed since the cookie
/// was issued, so the same test made first changes nothing but what each circuit keeps.
/// </summary>
public static class SecurityStampCheck
{
    public static Task ValidateWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval)
        {
            return Task.CompletedTask;
        }

        return SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
