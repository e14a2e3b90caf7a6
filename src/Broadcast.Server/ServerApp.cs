using Broadcast.Accounts.Hosting;
using Broadcast.Audit;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Lab;
using Broadcast.Library;
using Broadcast.Monitoring;
using Broadcast.Scheduling;
using Broadcast.Server.Api;
using Broadcast.Server.Conventions;
using Microsoft.Extensions.Options;

namespace Broadcast.Server;

/// <summary>
/// Builds the controller host: <c>config/appsettings.json</c> (or <c>--config FILE</c>) under the content root (the
/// current directory), then <c>BCAST_</c> environment variables, then the command line
/// (<c>--data-dir</c>, <c>--topology</c>, <c>--urls</c>, or any <c>--Section:Key=value</c>).
/// </summary>
public static class ServerApp
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddBroadcastConfiguration(args);
        RefuseLabModeInProduction(builder);
        builder.Services.AddBroadcastController(builder.Configuration);
        builder.Services.AddBroadcastAudit(builder.Configuration);
        builder.Services.AddBroadcastLibrary(builder.Configuration);
        builder.Services.AddBroadcastScheduling(builder.Configuration);
        builder.Services.AddBroadcastAccounts(builder.Configuration);
        builder.Services.AddResourceTarget("/api/bulletins/{}", BulletinsApi.ResourceTarget);
        builder.Services.AddResourceTarget("/api/programmes/{}", BulletinsApi.ResourceTarget);
        builder.Services.AddResourceTarget("/api/schedules/{}", SchedulesApi.ResourceTarget);
        builder.Services.AddBroadcastMonitoring(builder.Configuration);
        builder.Services.AddBroadcastApiConventions();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrls);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        UseConsoleFiles(app);
        app.UseBroadcastAccounts();
        app.MapBroadcastApiReference();
        app.MapAuthApi();
        app.MapAccountsApi();
        app.MapEndpointsApi();
        app.MapEndpointProvisioningApi();
        app.MapBroadcastsApi();
        app.MapMetricsApi();
        app.MapAuditApi();
        app.MapProgrammesApi();
        app.MapBulletinsApi();
        app.MapSchedulesApi();
        app.MapQueueApi();
        app.MapEventsApi();
        app.MapAlertsApi();
        return app;
    }

    /// <summary>
    /// The web console (docs/console.md): public static files, served before authentication (its API calls are
    /// authorised like any other). wwwroot is looked for under the content root (dotnet run, a published folder),
    /// beside the assembly (the browser tests copy it there) and in the checkout (./bcast run from the repository).
    /// </summary>
    private static void UseConsoleFiles(WebApplication app)
    {
        string[] candidates = [app.Environment.WebRootPath ?? string.Empty, Path.Combine(AppContext.BaseDirectory, "wwwroot"), Path.Combine(app.Environment.ContentRootPath, "src", "Broadcast.Server", "wwwroot")];
        if (candidates.FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "index.html"))) is not { } root)
        {
            return;
        }

        var files = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        // no-cache: browsers revalidate (a cheap 304), so a controller upgrade reaches every office PC at once.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache" });
    }

    /// <summary>
    /// Protocol section 14: lab mode in a production configuration MUST stop the host. The controller's options
    /// validation already refuses it on start; checking here first, before any host exists, gives the technician one
    /// message instead of a start-up failure log with a stack trace.
    /// </summary>
    private static void RefuseLabModeInProduction(WebApplicationBuilder builder)
    {
        var lab = builder.Configuration.GetSection(LabOptions.Section).Get<LabOptions>() ?? new LabOptions();
        var result = new LabPolicyValidator(builder.Environment).Validate(Options.DefaultName, lab);
        if (result.Failed)
        {
            throw new OptionsValidationException(LabOptions.Section, typeof(LabOptions), result.Failures);
        }
    }
}
