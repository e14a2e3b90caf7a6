using System.CommandLine;
using System.Text.Json.Nodes;
using Broadcast.Cli.Output;
using Broadcast.Protocol.Identity;
using Broadcast.Topology;

namespace Broadcast.Cli.Commands;

/// <summary><c>bcast endpoint provision|revoke|list</c>: speaker-cluster identities for technicians.</summary>
internal static class EndpointCommand
{
    public static Command Create()
    {
        var command = new Command("endpoint", "Provision, revoke and list speaker-cluster endpoints (keys bound to addresses).");
        command.Subcommands.Add(Provision());
        command.Subcommands.Add(Revoke());
        command.Subcommands.Add(List());
        return command;
    }

    private static Option<string> DataDirOption() => new("--data-dir")
    {
        Description = "Controller data directory (identity key and endpoint registry).",
        DefaultValueFactory = _ => DataDirectory.DefaultPath,
    };

    private static Command Provision()
    {
        var dataDir = DataDirOption();
        var id = new Option<string?>("--id") { Description = "Endpoint id, e.g. BX-TT-01." };
        var commune = new Option<string?>("--commune") { Description = "Commune name (Trịnh Tường)." };
        var hamlet = new Option<string?>("--hamlet") { Description = "Hamlet name." };
        var bind = new Option<string?>("--bind") { Description = "Address or CIDR the key is bound to (10.20.3.15/32)." };
        var output = new Option<string?>("--out") { Description = "Credentials file to write for this endpoint (mode 0600)." };
        var topology = new Option<string?>("--topology") { Description = "Provision every cluster of a topology file instead." };
        var outDir = new Option<string?>("--out-dir") { Description = "With --topology: directory for one credentials file per cluster ({id}.json)." };
        var district = new Option<string>("--district") { Description = "District id used in MQTT topics.", DefaultValueFactory = _ => "bat-xat" };
        var controller = new Option<string>("--controller") { Description = "Controller MQTT URL written into the credentials.", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" };
        var replace = new Option<bool>("--replace") { Description = "Re-provision an endpoint that already has a key (the old key stops working)." };
        var server = new Option<string?>("--server")
        {
            Description = $"Provision in a running controller through its API (e.g. {ControllerClient.DefaultServer}): the key works at once; place and binding default to the controller's topology.",
        };
        var command = new Command("provision", "Create an endpoint's key pair, register it, and write its credentials file.")
        {
            dataDir, id, commune, hamlet, bind, output, topology, outDir, district, controller, replace, server,
        };

        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            if (parse.GetValue(server) is { } serverUrl)
            {
                var endpointId = parse.GetValue(id) ?? throw new UsageException("--server provisions one endpoint: give --id");
                var outFile = parse.GetValue(output) ?? throw new UsageException("give --out FILE for the endpoint's credentials");
                using var client = new ControllerClient(serverUrl);
                var body = new { id = endpointId, commune = parse.GetValue(commune), hamlet = parse.GetValue(hamlet), bind = parse.GetValue(bind), replace = parse.GetValue(replace) };
                var answer = await client.SendAsync(HttpMethod.Post, "/api/endpoints", body, ct).ConfigureAwait(false);
                var credentials = answer?["credentials"] ?? throw new UsageException("the controller's answer holds no credentials");
                SecretFile.Write(outFile, w => credentials.WriteTo(w));
                Console.Out.WriteLine($"provisioned {answer["id"]} in the running controller at {serverUrl}, bound to {answer["binding"]}; credentials {Path.GetFullPath(outFile)} (keep it secret: it holds the endpoint's private key)");
                return ExitCodes.Ok;
            }

            return await ProvisionLocally(parse).ConfigureAwait(false);
        }));
        return command;

        Task<int> ProvisionLocally(ParseResult parse)
        {
            if (!Uri.TryCreate(parse.GetValue(controller), UriKind.Absolute, out var url))
            {
                throw new UsageException($"--controller '{parse.GetValue(controller)}' is not a URL such as mqtt://10.0.0.1:1883");
            }

            var dir = new DataDirectory(parse.GetValue(dataDir)!);
            using var identity = dir.LoadOrCreateIdentity(out var created);
            if (created)
            {
                Console.Error.WriteLine($"bcast: created controller identity {dir.IdentityFile} (public key {identity.PublicKey})");
            }

            var topologyPath = parse.GetValue(topology);
            if (topologyPath is not null)
            {
                var districtTopology = TopologyLoader.Load(topologyPath);
                var target = parse.GetValue(outDir) ?? throw new UsageException("--topology needs --out-dir DIR for the credentials files");
                Directory.CreateDirectory(target);
                var registry = dir.OpenRegistry();
                var taken = districtTopology.Clusters.Where(p => registry.FindById(p.Cluster.Id) is { Revoked: false }).Select(p => p.Cluster.Id).ToList();
                if (taken.Count > 0 && !parse.GetValue(replace))
                {
                    // Checked before writing anything: a half-provisioned district is worse than none.
                    throw new UsageException($"{taken.Count} endpoints of this topology are already provisioned ({string.Join(", ", taken.Take(5))}{(taken.Count > 5 ? ", ..." : string.Empty)}); nothing was changed; pass --replace to issue new keys");
                }

                var provisioner = new EndpointProvisioner(registry, identity, districtTopology.District.Id, url);
                var count = 0;
                foreach (var p in districtTopology.Clusters)
                {
                    Guard(() => provisioner.Provision(p.Cluster.Id, p.Commune.Name, p.Hamlet.Name, p.Cluster.Bind, Path.Combine(target, p.Cluster.Id + ".json"), replace: parse.GetValue(replace)));
                    count++;
                }

                Console.Out.WriteLine($"provisioned {count} endpoints of {districtTopology.District.Name} into {Path.GetFullPath(target)}; registry {dir.RegistryFile}");
                return Task.FromResult(ExitCodes.Ok);
            }


            var endpointId = parse.GetValue(id) ?? throw new UsageException("give --id (or --topology FILE --out-dir DIR)");
            var binding = parse.GetValue(bind) ?? throw new UsageException("give --bind ADDRESS[/PREFIX]: an endpoint key is always bound to an address");
            var outPath = parse.GetValue(output) ?? throw new UsageException("give --out FILE for the endpoint's credentials");
            var registration = Guard(() => new EndpointProvisioner(dir.OpenRegistry(), identity, parse.GetValue(district)!, url)
                .Provision(endpointId, parse.GetValue(commune) ?? string.Empty, parse.GetValue(hamlet) ?? string.Empty, binding, outPath, parse.GetValue(replace)));
            Console.Out.WriteLine($"provisioned {registration.Id} bound to {registration.Binding}; credentials {Path.GetFullPath(outPath)} (keep it secret: it holds the endpoint's private key)");
            return Task.FromResult(ExitCodes.Ok);
        }
    }

    // The provisioner's argument and state errors are the operator's to fix: report them as usage errors.
    private static EndpointRegistration Guard(Func<EndpointRegistration> provision)
    {
        try
        {
            return provision();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message.Split(" (Parameter", 2)[0]);
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static Command Revoke()
    {
        var dataDir = DataDirOption();
        var id = new Option<string>("--id") { Description = "Endpoint id to revoke.", Required = true };
        var server = new Option<string?>("--server")
        {
            Description = $"Tell a running controller through its API (e.g. {ControllerClient.DefaultServer}): it revokes in its own registry and at once sends Bye, drops the session and rekeys. Without it, only DATA/endpoints.json is changed.",
        };
        var command = new Command("revoke", "Revoke an endpoint: its key is refused from now on.") { dataDir, id, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var endpointId = parse.GetValue(id)!;
            if (parse.GetValue(server) is { } url)
            {
                using var client = new ControllerClient(url);
                var result = await client.SendAsync(HttpMethod.Post, $"/api/endpoints/{Uri.EscapeDataString(endpointId)}/revoke", null, ct).ConfigureAwait(false);
                var applied = result?["applied"]?.GetValue<bool>() ?? false;
                Console.Out.WriteLine(applied
                    ? $"revoked {endpointId}; the running controller at {url} was told: Bye sent, session dropped, its channels rekeyed, its key refused from now on"
                    : $"{endpointId} was already revoked; the running controller at {url} was told and had already carried it out");
                return ExitCodes.Ok;
            }

            var registry = new DataDirectory(parse.GetValue(dataDir)!).OpenRegistry();
            if (!registry.Revoke(endpointId))
            {
                throw new UsageException($"endpoint {endpointId} is not in the registry {registry.FilePath}");
            }

            Console.Out.WriteLine($"revoked {endpointId} in {registry.FilePath}; no running controller was told directly (one using this data directory notices the change within seconds; pass --server URL to tell it at once)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var dataDir = DataDirOption();
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("list", "List registered endpoints.") { dataDir, json };
        command.SetAction((parse, ct) => CliErrors.RunAsync(() =>
        {
            var registry = new DataDirectory(parse.GetValue(dataDir)!).OpenRegistry();
            var all = registry.All.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            if (parse.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var e in all)
                {
                    array.Add(new JsonObject
                    {
                        ["id"] = e.Id,
                        ["commune"] = e.Commune,
                        ["hamlet"] = e.Hamlet,
                        ["bind"] = e.Binding.ToString(),
                        ["publicKey"] = e.PublicKey.ToBase64(),
                        ["revoked"] = e.Revoked,
                    });
                }

                Console.Out.WriteLine(array.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var e in all)
                {
                    Console.Out.WriteLine($"{e.Id,-12} {(e.Revoked ? "REVOKED" : "active"),-8} {e.Binding,-20} {e.Commune} / {e.Hamlet}");
                }

                Console.Out.WriteLine($"{all.Count} endpoints ({all.Count(e => e.Revoked)} revoked) in {registry.FilePath}");
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
