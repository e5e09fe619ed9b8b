using System.Security.Claims;
using InvoiceHub.Web.Infrastructure.Security;

namespace InvoiceHub.Web.Features.Account;

/// <summary>Where each role lands after signing in.</summary>
public static class Homes
{
    public const string Staff = "/admin";
    public const string Portal = "/portal";

    public static string For(IEnumerable<string> roles, string? returnUrl = null)
    {
        if (IsLocal(returnUrl))
        {
            return returnUrl!;
        }
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return set.Contains(Roles.Admin) || set.Contains(Roles.Finance) ? Staff
            : set.Contains(Roles.Client) ? Portal
            : "/account/access-denied";
    }

    public static string For(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? "/account/login"
            : For(user.FindAll(ClaimTypes.Role).Select(c => c.Value));

    /// <summary>Only paths on this site: no scheme, no host, no protocol-relative "//evil".</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
