using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Broadcast.Cli.Commands;
using Broadcast.Tests.Common;

namespace Broadcast.Cli.Tests;

/// <summary>
/// <c>bcast login|whoami|logout</c> as a script runs them (BCAST_PASSWORD, XDG_CONFIG_HOME), against a small stand-in
/// of the controller's auth API that records what the CLI sent.
/// </summary>
public sealed class LoginCommandsTests : IDisposable
{
    private const string Token = "bcast_stand-in-token";
    private readonly TempDirectory _config = new();
    private readonly StandInAuthApi _api = new();

    [Fact]
    public void LoginWhoamiLogout_StoresThePrivateTokenSendsItAndForgetsIt()
    {
        var login = Bcast(["login", "--server", _api.Url, "--user", "lan"]);
        Assert.True(login.ExitCode == 0, login.StdErr);
        Assert.Contains("logged in to", login.StdOut);
        Assert.Equal("""{"user":"lan","password":"right-password-1","mode":"bearer"}""", _api.LoginBodies.Single());

        var file = Path.Combine(_config.Path, "bcast", "credentials.json");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        using (var stored = JsonDocument.Parse(File.ReadAllText(file)))
        {
            var entry = stored.RootElement.GetProperty("servers").GetProperty(_api.Url.TrimEnd('/'));
            Assert.Equal(Token, entry.GetProperty("token").GetString());
            Assert.Equal("lan", entry.GetProperty("user").GetString());
        }

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.partial"));

        var whoami = Bcast(["whoami", "--server", _api.Url]);
        Assert.True(whoami.ExitCode == 0, whoami.StdErr);
        Assert.Contains("lan (CommuneEditor of Y Tý)", whoami.StdOut);

        var logout = Bcast(["logout", "--server", _api.Url]);
        Assert.True(logout.ExitCode == 0, logout.StdErr);
        Assert.Equal(1, _api.Logouts);
        Assert.Equal(2, Bcast(["whoami", "--server", _api.Url]).ExitCode);
        using var after = JsonDocument.Parse(File.ReadAllText(file));
        Assert.False(after.RootElement.GetProperty("servers").TryGetProperty(_api.Url.TrimEnd('/'), out _));
    }

    [Fact]
    public void Login_WrongPassword_OneLineErrorAndNothingStored()
    {
        var login = Bcast(["login", "--server", _api.Url, "--user", "lan"], "wrong-password");

        Assert.Equal(2, login.ExitCode);
        Assert.Equal("bcast: error: controller refused (401): wrong user name or password", login.ErrorLines().Single());
        Assert.False(File.Exists(Path.Combine(_config.Path, "bcast", "credentials.json")));
    }

    [Fact]
    public void Whoami_NotLoggedIn_SaysHowToLogIn()
    {
        var whoami = Bcast(["whoami", "--server", _api.Url]);

        Assert.Equal(2, whoami.ExitCode);
        Assert.Contains($"not logged in to {_api.Url}", whoami.StdErr);
        Assert.Contains("./bcast login", whoami.StdErr);
        Assert.Equal(0, _api.MeCalls);
    }

    [Theory]
    [InlineData("/cfg", "/home/u", "/cfg/bcast/credentials.json")]
    [InlineData("", "/home/u", "/home/u/.config/bcast/credentials.json")]
    [InlineData("relative/cfg", "/home/u", "/home/u/.config/bcast/credentials.json")]
    public void DefaultPath_HonoursAbsoluteXdgConfigHome(string xdg, string home, string expected) =>
        Assert.Equal(expected, CredentialStore.DefaultPath(xdg, home));

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("HTTP://Controller.Local:8080/", "http://controller.local:8080")]
    [InlineData("https://radio.example/bcast/", "https://radio.example/bcast")]
    public void Key_OnePerServer(string url, string expected) => Assert.Equal(expected, CredentialStore.Key(new Uri(url)));

    public void Dispose()
    {
        _api.Dispose();
        _config.Dispose();
    }

    private ExternalTool.Result Bcast(string[] args, string password = "right-password-1")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "bcast.dll");
        return ExternalTool.Run("dotnet", new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["XDG_CONFIG_HOME"] = _config.Path,
            ["BCAST_PASSWORD"] = password,
            ["BCAST_TOKEN"] = string.Empty,
        }, [dll, .. args]);
    }

    /// <summary>The auth routes of the controller, answered the way the real API does.</summary>
    private sealed class StandInAuthApi : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public StandInAuthApi()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
            }

            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }

        public List<string> LoginBodies { get; } = [];

        public int Logouts { get; private set; }

        public int MeCalls { get; private set; }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The listener was closed under the pending accept.
            }
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var bearer = context.Request.Headers["Authorization"] == "Bearer " + Token;
                var (status, answer) = (context.Request.HttpMethod, context.Request.Url!.AbsolutePath) switch
                {
                    ("POST", "/api/auth/login") => Login(body),
                    ("GET", "/api/auth/me") when bearer => Me(),
                    ("POST", "/api/auth/logout") when bearer => Logout(),
                    _ => (401, """{"status":401,"detail":"no session: log in","code":"not-authenticated"}"""),
                };
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(answer);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        private (int, string) Login(string body)
        {
            LoginBodies.Add(body);
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("password").GetString() == "right-password-1"
                ? (200, $$"""{"token":"{{Token}}","tokenType":"Bearer","expiresAt":"2026-03-02T17:30:00+00:00","csrf":null,"mustChangePassword":false,"user":{{MeJson}}}""")
                : (401, """{"status":401,"detail":"wrong user name or password","code":"wrong-credentials"}""");
        }

        private (int, string) Me()
        {
            MeCalls++;
            return (200, MeJson);
        }

        private (int, string) Logout()
        {
            Logouts++;
            return (204, string.Empty);
        }

        private static string MeJson => """{"name":"lan","roles":["CommuneEditor"],"communes":[{"id":"y-ty","name":"Y Tý"}],"emergencyPermission":false,"session":{"kind":"Bearer","expiresAt":"2026-03-02T17:30:00+00:00"}}""";
    }
}
