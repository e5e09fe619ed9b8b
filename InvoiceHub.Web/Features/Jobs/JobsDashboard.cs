using Hangfire;
using Hangfire.Dashboard;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>
/// Hangfire's Dashboard at <see cref="Path"/>, for Admins only through the app's own sign-in cookie and roles: the
/// endpoint requires the Admin policy (anonymous callers are sent to sign in, Finance and clients to access denied,
/// as on every Admin page), and Hangfire's own filter asks the same policy again. Its POST actions check the app's
/// anti-forgery token (Hangfire.AspNetCore uses the registered IAntiforgery). It runs under the app's
/// Content-Security-Policy unchanged: its scripts and styles are files of its own under this path.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/hangfire";

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var storage = app.ServiceProvider.GetRequiredService<JobStorage>();
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            AppPath = "/admin/jobs",
            DashboardTitle = "InvoiceHub jobs",
            DisplayStorageConnectionString = false,
            IgnoreAntiforgeryToken = false,
            Authorization = [],
            AsyncAuthorization = [new AdminOnly()],
        }, storage).RequireAuthorization(Policies.Admin);
        return app;
    }

    private sealed class AdminOnly : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            return (await authorization.AuthorizeAsync(http.User, Policies.Admin)).Succeeded;
        }
    }
}
