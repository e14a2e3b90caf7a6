using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Broadcast.Tests.Common;
using Microsoft.AspNetCore.Builder;

namespace Broadcast.Server.Tests.Accounts;

/// <summary>
/// The real host (Kestrel, embedded broker) with accounts on, and one signed-in user per role, created through the
/// admin API the way an administrator would.
/// </summary>
public sealed class AccountsHostFixture : IAsyncLifetime, IDisposable
{
    public const string Password = "matrix-password-1";

    private readonly TempDirectory _data = new();
    private WebApplication? _app;

    public WebApplication App => _app!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Bearer tokens by persona (see <see cref="Personas"/>).</summary>
    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Persona name to the account body that creates it; <c>admin</c> is the seeded first admin.</summary>
    public static IReadOnlyDictionary<string, object> Personas { get; } = new Dictionary<string, object>
    {
        ["viewer"] = new { roles = new[] { "Viewer" } },
        ["technician"] = new { roles = new[] { "Technician" } },
        ["editor"] = new { roles = new[] { "CommuneEditor" }, communes = new[] { "Y Tý" } },
        ["approver"] = new { roles = new[] { "Approver" }, approverScope = "district" },
        ["commune-approver"] = new { roles = new[] { "Approver" }, approverScope = "commune", communes = new[] { "y-ty" } },
        ["operator"] = new { roles = new[] { "DistrictOperator" } },
        ["emergency-operator"] = new { roles = new[] { "DistrictOperator" }, emergencyPermission = true },
    };

    public async Task InitializeAsync()
    {
        var port = FreeTcpPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _app = ServerApp.Build([
            "--data-dir", _data.Path,
            "--topology", RepoPaths.BatXatTopology,
            "--urls", BaseAddress.ToString(),
            $"--Broker:Port={FreeTcpPort()}",
            "--Media:UdpBind=127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            ApiAuth.HostArgument,
        ]);
        await _app.StartAsync();

        using var admin = Client();
        Tokens["admin"] = await ApiAuth.LoginAsync(admin);
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens["admin"]);
        foreach (var (name, body) in Personas)
        {
            await CreateAsync(admin, name, body);
            Tokens[name] = await ApiAuth.LoginAsync(admin, name, Password);
        }
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = cookies is not null, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>A client that sends <paramref name="persona"/>'s bearer token.</summary>
    public HttpClient ClientAs(string persona)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[persona]);
        return client;
    }

    /// <summary>Creates an account through the admin API with <see cref="Password"/>, no change required.</summary>
    public static async Task CreateAsync(HttpClient admin, string name, object body)
    {
        var fields = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        fields["name"] = name;
        fields["password"] = Password;
        fields["mustChangePassword"] = false;
        using var response = await admin.PostAsJsonAsync("/api/accounts", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class AccountsHostCollection : ICollectionFixture<AccountsHostFixture>
{
    public const string Name = "accounts host";
}
