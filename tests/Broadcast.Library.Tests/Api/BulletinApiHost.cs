using Broadcast.Audit;
using Broadcast.Library.Bulletins;
using Broadcast.Library.Http;
using Broadcast.Library.Tests.Fakes;
using Broadcast.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Broadcast.Library.Tests.Api;

/// <summary>
/// The library's programme and bulletin routes on a real Kestrel listener (loopback, free port). Who calls is said by
/// headers, standing in for the server's accounts: <c>X-User</c> (name) and <c>X-Approves</c> (<c>district</c> or a
/// commune). The user <c>editor-yty</c> may make and change items of Y Tý only, as a commune editor.
/// </summary>
public class BulletinApiHost : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private WebApplication? _app;

    public RecordingAuditTrail Audit { get; } = new();

    public FakeProgrammeUsage Usage { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Speech:Executable for this host.</summary>
    protected virtual string SpeechExecutable => "espeak-ng";

    public string Wav(string name, double seconds, double frequency)
    {
        var path = _dir.File(name);
        Signals.WriteWav16(path, Signals.Sine(frequency, -30, seconds));
        return path;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _dir.Path, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controller:DataDir"] = _dir.File("data"),
            ["Speech:Executable"] = SpeechExecutable,
        });
        builder.Services.AddSingleton<IAuditTrail>(Audit);
        builder.Services.AddSingleton<IProgrammeUsage>(Usage);
        builder.Services.AddSingleton<ICommuneDirectory>(new FakeCommuneDirectory());
        builder.Services.AddBroadcastLibrary(builder.Configuration);
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.MapProgrammeEndpoints(Name);
        _app.MapBulletinEndpoints(Actor, (context, commune, access) =>
            Name(context) == "editor-yty" && commune != "Y Tý" ? $"editor-yty may not {(access == BulletinAccess.Create ? "make" : "change")} items of {commune ?? "the district"}" : null);
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

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Name(HttpContext context) => context.Request.Headers["X-User"].ToString() is { Length: > 0 } name ? name : "anonymous";

    private static BulletinActor Actor(HttpContext context) => new(Name(context))
    {
        Approval = context.Request.Headers["X-Approves"].ToString() switch
        {
            "" => ApprovalScope.None,
            "district" => ApprovalScope.WholeDistrict,
            var commune => ApprovalScope.ForCommunes([commune]),
        },
    };
}
