using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>
/// Answers with queued responses (recorded Mollie JSON) and keeps every request it saw; the one test double
/// here, used to check deserialisation, error mapping and retry decisions without a server.
/// </summary>
internal sealed class StubMollieHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<SeenRequest> Requests { get; } = [];

    public StubMollieHandler Respond(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? configure = null)
    {
        _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, "application/hal+json");
            }
            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    public StubMollieHandler RespondRecorded(HttpStatusCode status, string recordedFile) => Respond(status, Recorded.Read(recordedFile));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new SeenRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
            body));
        if (_responses.Count == 0)
        {
            throw new InvalidOperationException($"No response queued for {request.Method} {request.RequestUri}.");
        }
        var response = _responses.Dequeue()();
        response.RequestMessage = request;
        return response;
    }

    internal sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Authorization, string? IdempotencyKey, string? Body);
}

internal static class Recorded
{
    public static string Read(string file, [CallerFilePath] string caller = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(caller)!, "Recorded", file));
}
