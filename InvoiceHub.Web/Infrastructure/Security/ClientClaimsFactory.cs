using System.Security.Claims;
using InvoiceHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace InvoiceHub.Web.Infrastructure.Security;

/// <summary>Puts the client id of a Client-role user into the sign-in cookie, so portal queries need no user lookup.</summary>
public sealed class ClientClaimsFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.ClientId is { } clientId)
        {
            identity.AddClaim(new Claim(InvoiceHubClaims.ClientId, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim("display_name", user.DisplayName));
        }
        return identity;
    }
}
