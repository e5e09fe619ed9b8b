using InvoiceHub.Web.Data;
using Quartz;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>
/// Quartz.NET in the web process on the app's own database (persistent ADO store, schema provisioned by
/// Quartz, clustered on PostgreSQL so that several nodes share the work), the jobs, the jobs page and API.
/// </summary>
public static class JobsRegistration
{
    public static WebApplicationBuilder AddInvoiceHubJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(provider =>
        {
            options.Address = provider.GetRequiredService<Infrastructure.AppAddress>();
            return options;
        });
        services.AddSingleton<JobsService>();
        services.AddSingleton<EmailDelivery.SmtpEmailSender>();
        services.AddSingleton<Reminders.DocumentLinks>();
        services.AddSingleton<AutoCharge.AutoChargeAttempts>();

        var dialect = DatabaseRegistration.DialectFor(DatabaseRegistration.ReadOptions(builder.Configuration).Provider);
        var connectionString = DatabaseRegistration.ResolveConnectionString(builder.Configuration, builder.Environment);
        var clustered = options.Clustered ?? dialect.IsSharedServer;

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "InvoiceHub");
            // Quartz keeps real time even where a test swaps the app's TimeProvider for a fake: the jobs read
            // "now" from the app's clock, the scheduler fires on the wall clock.
            q.UseTimeProvider(TimeProvider.System);
            foreach (var job in JobCatalog.All)
            {
                q.AddJob(job.JobType, j => j.WithIdentity(job.Name).WithDescription(job.Description).StoreDurably().RequestRecovery());
            }
            q.UsePersistentStore(store =>
            {
                dialect.UseJobStore(store, connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                if (clustered)
                {
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(10);
                    });
                }
            });
        });
        // The scheduler is started by JobsStarter after the app has started, never during start-up.
        services.AddQuartzHostedService(o =>
        {
            o.AutoStart = false;
            o.WaitForJobsToComplete = true;
        });
        // After Quartz's hosted service, so that it stops first and lets a start under way finish.
        services.AddHostedService<JobsStarter>();
        return builder;
    }
}
