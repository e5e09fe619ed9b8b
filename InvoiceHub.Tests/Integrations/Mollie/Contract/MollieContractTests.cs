using System.Text.Json;
using InvoiceHub.MollieSimulator;

namespace InvoiceHub.Tests.Integrations.Mollie.Contract;

/// <summary>Two simulators for the whole catalogue: one as mounted in Development, one with Mollie's own webhook-URL rule.</summary>
public sealed class ContractSimulators : IAsyncLifetime
{
    public MollieSimulatorHost Development { get; private set; } = null!;
    public MollieSimulatorHost MollieRules { get; private set; } = null!;
    public WebhookReceiver Webhooks { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Development = await MollieSimulatorHost.StartAsync(o => o.RecurringSettleDelay = null, "/mollie-simulator");
        MollieRules = await MollieSimulatorHost.StartAsync(o => o.AllowLocalWebhookUrls = false);
        Webhooks = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Development.DisposeAsync();
        await MollieRules.DisposeAsync();
        await Webhooks.DisposeAsync();
    }
}

/// <summary>
/// Runs every case of <see cref="ContractCatalogue"/> against the simulator over real HTTP. The case name starts with
/// the Mollie reference page it was written from; a difference from that page fails here. Every error answer must also
/// be Mollie's problem shape (status, title, detail, _links.documentation).
/// </summary>
public sealed class MollieContractTests(ContractSimulators simulators) : IClassFixture<ContractSimulators>
{
    public static TheoryData<string> Cases => new(ContractCatalogue.All.Select(c => c.Name));

    [Fact]
    public void Catalogue_names_are_unique_and_each_names_its_reference_page()
    {
        Assert.Equal(ContractCatalogue.All.Count, ContractCatalogue.All.Select(c => c.Name).Distinct().Count());
        Assert.All(ContractCatalogue.All, c => Assert.Matches(@"^https://docs\.mollie\.com/[a-z0-9\-/]+$", c.Reference));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Simulator_answers_as_the_reference_page_says(string name)
    {
        var contract = ContractCatalogue.All.Single(c => c.Name == name);
        using var world = new ContractWorld(contract.MollieWebhookRule ? simulators.MollieRules : simulators.Development, simulators.Webhooks.Url);

        var request = await contract.Arrange(world);
        using var response = await world.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(contract.Status == (int)response.StatusCode, $"{contract.Reference}: expected {contract.Status}, got {(int)response.StatusCode} {text}");
        if (contract.Status == 204)
        {
            Assert.Empty(text);
            return;
        }
        Assert.Equal("application/hal+json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(text).RootElement;
        var failures = contract.Expectations.Select(e => e.Check(root, response, world.Vars)).OfType<string>().ToList();
        if (contract.Status >= 400)
        {
            failures.AddRange(ProblemShape(root, contract.Status));
        }
        Assert.True(failures.Count == 0, $"{contract.Reference}\n{string.Join("\n", failures)}\n{text}");
    }

    /// <summary>docs.mollie.com/overview/handling-errors: status, title, detail and a documentation link on every error.</summary>
    internal static IEnumerable<string> ProblemShape(JsonElement root, int status) =>
        new[]
        {
            Expect.Eq("status", status),
            Expect.Present("title"),
            Expect.Present("detail"),
            Expect.Present("_links.documentation.href"),
            Expect.Eq("_links.documentation.type", "text/html"),
        }.Select(e => e.Check(root, null!, new Dictionary<string, string>())).OfType<string>();
}
