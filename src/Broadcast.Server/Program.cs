using Broadcast.Server;
using Microsoft.Extensions.Options;

// Composition lives in ServerApp so tests and the integration suite start exactly this host in-process.
try
{
    var app = ServerApp.Build(args);
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (OptionsValidationException ex)
{
    // A refused configuration (a bad value, or lab mode in Production) is the technician's to fix: say what, no stack.
    await Console.Error.WriteLineAsync($"Broadcast.Server: configuration refused: {ex.Message}").ConfigureAwait(false);
    return 78; // EX_CONFIG (sysexits.h)
}
