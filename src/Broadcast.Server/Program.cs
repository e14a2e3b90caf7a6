using Broadcast.Server;

// Composition lives in ServerApp so tests and the integration suite start exactly this host in-process.
var app = ServerApp.Build(args);
await app.RunAsync().ConfigureAwait(false);
