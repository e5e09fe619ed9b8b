using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>A layout that draws in the signed-in person's light or dark theme and lets them switch it.</summary>
public abstract class ThemedLayout : LayoutComponentBase
{
    [Inject] private ThemePreferences Preferences { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected bool Dark { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null)
        {
            Dark = await Preferences.PrefersDarkAsync((await Authentication).User);
        }
    }

    protected async Task ToggleThemeAsync()
    {
        Dark = !Dark;
        if (Authentication is not null)
        {
            await Preferences.SetDarkAsync((await Authentication).User, Dark);
        }
    }
}
