namespace Broadcast.Server;

/// <summary>Loads the configuration file and maps the short command-line switches.</summary>
internal static class ConfigurationSetup
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--config"] = "ConfigFile",
        ["--data-dir"] = "Controller:DataDir",
        ["--topology"] = "Controller:Topology",
        ["--urls"] = "urls",
    };

    public static void AddBroadcastConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(args, Switches).Build();
        var explicitFile = commandLine["ConfigFile"];
        var file = explicitFile ?? Path.Combine("config", "appsettings.json");
        var path = Path.GetFullPath(file, builder.Environment.ContentRootPath);
        if (explicitFile is not null && !File.Exists(path))
        {
            throw new FileNotFoundException($"--config {explicitFile}: configuration file not found ({path})", path);
        }

        // Later sources win: file, then environment, then the command line.
        builder.Configuration.AddJsonFile(path, optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables("BCAST_");
        builder.Configuration.AddCommandLine(args, Switches);
    }
}
