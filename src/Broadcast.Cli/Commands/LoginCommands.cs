using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary>
/// <c>bcast login|logout|whoami|password</c>: a session with a controller, stored per server URL by
/// <see cref="CredentialStore"/> and sent by <see cref="ControllerClient"/> with every later command.
/// </summary>
internal static class LoginCommands
{
    public static Command Login()
    {
        var server = ControllerClient.ServerOption();
        var user = new Option<string?>("--user") { Description = "Login name (asked for when omitted on a terminal)." };
        var command = new Command("login", $"Log in to a controller; the password is asked for without echo (scripts: {PasswordPrompt.PasswordVariable}).") { server, user };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var name = parse.GetValue(user) is { Length: > 0 } given ? given : PasswordPrompt.ReadLine("user: ");
            var password = PasswordPrompt.Read($"password for {name} at {client.Server}: ", PasswordPrompt.PasswordVariable);
            var answer = await client.SendAsync(HttpMethod.Post, "/api/auth/login", new { user = name, password, mode = "bearer" }, ct).ConfigureAwait(false);
            var token = answer?["token"]?.GetValue<string>() ?? throw new UsageException($"the controller at {client.Server} answered the login without a token");
            var expires = answer["expiresAt"]?.GetValue<DateTimeOffset>() ?? default;
            var store = CredentialStore.Default();
            store.Save(client.Server, new StoredCredential(name, token, expires));
            Console.Out.WriteLine($"logged in to {client.Server} as {Describe(answer["user"])}; the session ends {When(expires)} unless used (token in {store.FilePath})");
            if (answer["mustChangePassword"]?.GetValue<bool>() == true)
            {
                client.UseToken(token);
                if (!PasswordPrompt.Interactive && Environment.GetEnvironmentVariable(PasswordPrompt.NewPasswordVariable) is not { Length: > 0 })
                {
                    Console.Error.WriteLine($"bcast: warning: {name} must change the one-time password before anything else: ./bcast password --server {client.Server} (scripts: {PasswordPrompt.NewPasswordVariable})");
                    return ExitCodes.Ok;
                }

                Console.Error.WriteLine($"{name} has a one-time password that must be changed now.");
                await ChangeAsync(client, password, ct).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Logout()
    {
        var server = ControllerClient.ServerOption();
        var all = new Option<bool>("--all") { Description = "End every session of this user, on every machine." };
        var command = new Command("logout", "End the session with a controller and forget its token.") { server, all };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var store = CredentialStore.Default();
            if (store.Find(client.Server) is null)
            {
                Console.Out.WriteLine($"not logged in to {client.Server}");
                return ExitCodes.Ok;
            }

            try
            {
                await client.SendAsync(HttpMethod.Post, parse.GetValue(all) ? "/api/auth/logout?all=true" : "/api/auth/logout", null, ct).ConfigureAwait(false);
            }
            catch (UsageException ex) when (ex.Message.Contains("(401)", StringComparison.Ordinal))
            {
                // Already ended on the controller (expired, reset by an administrator): forgetting the token is all that is left.
            }

            store.Remove(client.Server);
            Console.Out.WriteLine($"logged out of {client.Server}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command WhoAmI()
    {
        var server = ControllerClient.ServerOption();
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var command = new Command("whoami", "Who this machine is logged in as at a controller, with roles and communes.") { server, json };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            if (Environment.GetEnvironmentVariable(ControllerClient.TokenVariable) is not { Length: > 0 } && CredentialStore.Default().Find(client.Server) is null)
            {
                throw new UsageException($"not logged in to {client.Server}: ./bcast login --server {client.Server}");
            }

            var me = await client.SendAsync(HttpMethod.Get, "/api/auth/me", null, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(me?.ToJsonString());
                return ExitCodes.Ok;
            }

            var expires = me?["session"]?["expiresAt"]?.GetValue<DateTimeOffset>();
            Console.Out.WriteLine($"{Describe(me)} at {client.Server}{(expires is { } e ? $"; session ends {When(e)} unless used" : string.Empty)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Password()
    {
        var server = ControllerClient.ServerOption();
        var command = new Command("password", $"Change your own password (asked for without echo; scripts: {PasswordPrompt.PasswordVariable} and {PasswordPrompt.NewPasswordVariable}).") { server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var current = PasswordPrompt.Read("current password: ", PasswordPrompt.PasswordVariable);
            await ChangeAsync(client, current, ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task ChangeAsync(ControllerClient client, string current, CancellationToken ct)
    {
        var next = PasswordPrompt.Read("new password (at least 10 characters): ", PasswordPrompt.NewPasswordVariable);
        if (Environment.GetEnvironmentVariable(PasswordPrompt.NewPasswordVariable) is not { Length: > 0 }
            && PasswordPrompt.Read("new password again: ", PasswordPrompt.NewPasswordVariable) != next)
        {
            throw new UsageException("the two new passwords differ; nothing was changed");
        }

        await client.SendAsync(HttpMethod.Post, "/api/auth/password", new { currentPassword = current, newPassword = next }, ct).ConfigureAwait(false);
        Console.Out.WriteLine($"password changed at {client.Server}; your other sessions there were ended");
    }

    /// <summary>"admin (Admin)" or "lan (CommuneEditor of Y Tý, emergency permission)".</summary>
    private static string Describe(JsonNode? user)
    {
        var roles = user?["roles"] is JsonArray r ? string.Join('+', r.Select(x => x?.ToString())) : "no role";
        var communes = user?["communes"] is JsonArray c && c.Count > 0 ? " of " + string.Join(", ", c.Select(x => x?["name"]?.ToString())) : string.Empty;
        var emergency = user?["emergencyPermission"]?.GetValue<bool>() == true ? ", emergency permission" : string.Empty;
        return $"{user?["name"]} ({roles}{communes}{emergency})";
    }

    private static string When(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
