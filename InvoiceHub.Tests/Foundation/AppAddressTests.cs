using InvoiceHub.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace InvoiceHub.Tests.Foundation;

public sealed class AppAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5306", "http://127.0.0.1:5306/")]
    [InlineData("https://localhost:7001|http://localhost:5306", "http://localhost:5306/")]
    [InlineData("http://10.1.2.3:8080|http://[::1]:5306", "http://[::1]:5306/")]
    [InlineData("http://0.0.0.0:5306", "http://localhost:5306/")]
    [InlineData("http://[::]:5306", "http://localhost:5306/")]
    [InlineData("http://*:5306", "http://localhost:5306/")]
    [InlineData("https://localhost:7001", "https://localhost:7001/")]
    public void The_listening_address_prefers_plain_http_on_loopback(string bound, string expected) =>
        Assert.Equal(new Uri(expected), AppAddress.Choose(bound.Split('|')));

    [Fact]
    public void Port_zero_before_binding_and_unix_sockets_are_no_address() =>
        Assert.Null(AppAddress.Choose(["http://127.0.0.1:0", "http://unix:/tmp/invoicehub.sock"]));

    [Fact]
    public void In_Development_without_configuration_the_public_address_is_the_bound_one()
    {
        var address = Address(Environments.Development, new(), "http://127.0.0.1:41234");

        Assert.Equal(new Uri("http://127.0.0.1:41234/"), address.PublicBaseUri);
        Assert.Equal(new Uri("http://127.0.0.1:41234/mollie-simulator/v2/"), address.Local("/mollie-simulator/v2/"));
    }

    [Fact]
    public void A_configured_public_address_wins_everywhere_and_gets_its_trailing_slash()
    {
        var settings = new Dictionary<string, string?> { ["Jobs:PublicBaseUrl"] = "https://billing.example.test/app" };

        Assert.Equal(new Uri("https://billing.example.test/app/"), Address(Environments.Development, settings, "http://127.0.0.1:41234").PublicBaseUri);
        Assert.Equal(new Uri("https://billing.example.test/app/"), Address(Environments.Production, settings, "http://127.0.0.1:41234").PublicBaseUri);
    }

    [Fact]
    public void Outside_Development_a_missing_public_address_is_a_configuration_error_not_a_guess()
    {
        var address = Address(Environments.Production, new(), "http://127.0.0.1:41234");

        var error = Assert.Throws<InvalidOperationException>(() => address.PublicBaseUri);
        Assert.Contains("PaymentLinks:PublicBaseUrl", error.Message);
    }

    [Fact]
    public void A_public_address_that_is_not_an_absolute_http_url_is_refused_by_name()
    {
        var address = Address(Environments.Production, new() { ["PaymentLinks:PublicBaseUrl"] = "billing.example.test" }, "http://127.0.0.1:41234");

        var error = Assert.Throws<InvalidOperationException>(() => address.PublicBaseUri);
        Assert.Contains("PaymentLinks:PublicBaseUrl must be an absolute", error.Message);
    }

    private static AppAddress Address(string environment, Dictionary<string, string?> settings, params string[] bound)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new AppAddress(new BoundServer(bound), configuration, new HostEnvironment(environment));
    }

    private sealed class BoundServer : IServer
    {
        public BoundServer(IEnumerable<string> addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }
            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    private sealed class HostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "InvoiceHub";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
