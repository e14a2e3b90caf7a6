using System.Diagnostics;
using System.Net.Sockets;
using Broadcast.Tests.Common;

namespace Broadcast.IntegrationTests.Rig;

/// <summary>
/// Debian's Mosquitto as a child process on 127.0.0.1:PORT with a minimal configuration, for the external-broker
/// scenario: started, killed (SIGKILL, like a crash) and started again on the same port by the test.
/// </summary>
internal sealed class MosquittoBroker : IDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto"];
    private readonly string _config;
    private Process? _process;

    public MosquittoBroker(string directory)
    {
        Port = FreePorts.Tcp();
        _config = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(_config, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
    }

    public int Port { get; }

    /// <summary>The executable, or a failure telling how to install it: this scenario must not be skipped.</summary>
    public static string Executable =>
        Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("mosquitto is not installed (looked in " + string.Join(", ", Candidates) + "): install it with 'apt-get install -y mosquitto' to run the external-broker test");

    public async Task StartAsync()
    {
        var psi = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(_config);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(10) && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>SIGKILL: no clean disconnects, no last wills sent in order, like a crashed or rebooted broker.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();
}
