using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary>HTTP client of a running controller's API; problem responses become one-line errors.</summary>
internal sealed class ControllerClient : IDisposable
{
    public const string DefaultServer = "http://127.0.0.1:8080";

    public const string TokenVariable = "BCAST_TOKEN";

    private readonly HttpClient _http;

    public ControllerClient(string server)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri))
        {
            throw new UsageException($"--server '{server}' is not a URL such as {DefaultServer}");
        }

        _http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) };
        // BCAST_TOKEN (scripts, CI) wins over the session stored by `bcast login` for this server.
        if ((Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token : CredentialStore.Default().Find(uri)?.Token) is { } bearer)
        {
            UseToken(bearer);
        }
    }

    public Uri Server => _http.BaseAddress!;

    /// <summary>Sends <paramref name="token"/> as the bearer token on every later request.</summary>
    public void UseToken(string token) => _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

    public static Option<string> ServerOption() => new("--server")
    {
        Description = "Controller API address.",
        DefaultValueFactory = _ => DefaultServer,
    };

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ControllerUnreachableException($"cannot reach the controller at {_http.BaseAddress} ({ex.Message}); is `./bcast serve` running?", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && path != "/api/auth/login")
            {
                throw new UsageException($"controller refused (401): {ProblemDetail(text)}; run ./bcast login --server {_http.BaseAddress}");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new UsageException($"controller refused ({(int)response.StatusCode}): {ProblemDetail(text)}");
            }

            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string ProblemDetail(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            return node?["detail"]?.GetValue<string>() ?? node?["title"]?.GetValue<string>() ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}

/// <summary>The controller's API did not answer.</summary>
internal sealed class ControllerUnreachableException(string message, Exception inner) : Exception(message, inner);
