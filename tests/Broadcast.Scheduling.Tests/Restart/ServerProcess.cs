using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Broadcast.Tests.Common;

namespace Broadcast.Scheduling.Tests.Restart;

/// <summary>
/// The real controller (<c>Broadcast.Server.dll</c>) as a child process on free loopback ports, so a test can kill
/// it with SIGKILL (<see cref="Process.Kill()"/>) and start it again on the same data directory.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }

    /// <summary>Signed in as the first admin once <see cref="WaitReadyAsync"/> returns.</summary>
    public HttpClient Http { get; }

    /// <summary>The admin's bearer token, for the bcast tool (<c>BCAST_TOKEN</c>).</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>What the server wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServerProcess Start(string dataDir, string workDir)
    {
        var http = FreeTcpPort();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Broadcast.Server.dll"),
            "--data-dir", dataDir,
            "--topology", RepoPaths.BatXatTopology,
            "--urls", $"http://127.0.0.1:{http}",
            $"--Broker:Port={FreeTcpPort()}",
            "--Media:UdpBind=127.0.0.1:0",
            ApiAuth.HostArgument,
        })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start Broadcast.Server");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{http}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until the API answers (bounded), then signs in; fails with the server's output if it exits or never answers.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                // Any answer (401 before signing in) means the host has started.
                using var response = await Http.GetAsync(new Uri("/api/schedules", UriKind.Relative), cts.Token);
                Token = await ApiAuth.LoginAsync(Http, cancellationToken: cts.Token);
                Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None);
        }

        throw new TimeoutException($"the server did not answer within {timeout}:\n{Output}");
    }

    /// <summary>kill -9: no shutdown code runs, exactly as a power cut or an OOM kill.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        Http.Dispose();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
