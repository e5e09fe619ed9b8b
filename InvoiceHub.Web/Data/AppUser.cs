using Microsoft.AspNetCore.Identity;

namespace InvoiceHub.Web.Data;

/// <summary>A person who signs in: staff (Admin, Finance) or a client's contact (Client role, linked by <see cref="ClientId"/>).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The client whose documents a Client-role user may see; null for staff.</summary>
    public int? ClientId { get; set; }
}
