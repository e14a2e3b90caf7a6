using Broadcast.Audit;
using Broadcast.Library.Http;
using Broadcast.Library.Tests.Fakes;
using Broadcast.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Broadcast.Library.Tests.Api;

/// <summary>
/// The library's routes on a real Kestrel listener (loopback, free port) with only the library's services, so body
/// limits, Range requests and status codes are the server's own, not a test double's.
/// </summary>
public sealed class ApiHost : IAsyncLifetime, IDisposable
{
    public const long MaxUploadBytes = 400_000;

    private readonly TempDirectory _dir = new();
    private WebApplication? _app;

    public RecordingAuditTrail Audit { get; } = new();

    public FakeProgrammeUsage Usage { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public string Wav(string name, double seconds, double frequency)
    {
        var path = _dir.File(name);
        Signals.WriteWav16(path, Signals.Sine(frequency, -30, seconds));
        return path;
    }

    public string File(string name) => _dir.File(name);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _dir.Path, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controller:DataDir"] = _dir.File("data"),
            ["Library:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton<IAuditTrail>(Audit);
        builder.Services.AddSingleton<IProgrammeUsage>(Usage);
        builder.Services.AddSingleton<ICommuneDirectory>(new FakeCommuneDirectory());
        builder.Services.AddBroadcastLibrary(builder.Configuration);
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.UseExceptionHandler();
        // The caller acts for every commune but Y Tý, like a commune editor's scope seen from outside.
        _app.MapProgrammeEndpoints(_ => "api-tester", (_, commune) => commune == "Y Tý" ? "api-tester may not upload for Y Tý" : null);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _dir.Dispose();
    }

    public void Dispose() => _dir.Dispose();
}
