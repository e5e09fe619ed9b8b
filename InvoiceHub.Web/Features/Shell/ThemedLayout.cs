using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>A layout that draws in the signed-in person's light or dark theme and lets them switch it.</summary>
public abstract class ThemedLayout : LayoutComponentBase
{
    [Inject] private ThemePreferences Preferences { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected bool Dark { get; private set; }

    /// <summary>The signed-in person's display name; null when no one is signed in.</summary>
    protected string? UserName { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null)
        {
            var user = (await Authentication).User;
            Dark = await Preferences.PrefersDarkAsync(user);
            UserName = user.Identity?.IsAuthenticated == true ? user.FindFirst("display_name")?.Value ?? user.Identity.Name : null;
        }
    }

    /// <summary>
    /// Remembers the other theme and loads the page again: the theme's stylesheet is written by App.razor with the
    /// page, outside the circuit (decision 0025).
    /// </summary>
    protected async Task ToggleThemeAsync()
    {
        if (Authentication is not null)
        {
            await Preferences.SetDarkAsync((await Authentication).User, !Dark);
        }
        Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
    }
}
