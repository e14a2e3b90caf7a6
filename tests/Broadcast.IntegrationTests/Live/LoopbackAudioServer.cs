using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Broadcast.IntegrationTests.Live;

/// <summary>
/// A live "district studio" on loopback: an HTTP server that streams a signal as an endless 16-bit 48 kHz mono WAV,
/// in real time on a thread of its own, the way an Icecast server relays a studio. Sample s of the signal goes out at
/// <see cref="StartedAt"/> + s / 48 000 whoever listens, so a listener that reconnects hears the live position, not
/// the start again. <see cref="GoDown"/> drops the listener and answers 503 until <see cref="ComeBack"/>;
/// <see cref="Stall"/> keeps the connection open and sends nothing more, like an encoder that hung.
/// </summary>
internal sealed class LoopbackAudioServer : IDisposable
{
    public const int Rate = 48_000;

    // 20 ms per write, as a studio encoder sends.
    private const int ChunkSamples = 960;

    private readonly float[] _signal;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = new();
    private volatile bool _down;
    private volatile bool _stalled;
    private int _refused;
    private volatile Socket? _client;
    private int _connections;

    public LoopbackAudioServer(float[] signal)
    {
        _signal = signal;
        _listener.Start();
        StartedAt = TimeProvider.System.GetUtcNow();
        _clock.Start();
        _thread = new Thread(Serve) { IsBackground = true, Name = "loopback studio" };
        _thread.Start();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/district";

    /// <summary>Wall-clock instant of signal sample 0 (the signal plays in real time from here, listened to or not).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Requests answered with audio.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connection attempts answered 503 while down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The signal sample playing now (the live position).</summary>
    public long LiveSample => (long)(_clock.Elapsed.TotalSeconds * Rate);

    /// <summary>Closes the stream in the listener's face and refuses new listeners (HTTP 503) until <see cref="ComeBack"/>.</summary>
    public void GoDown()
    {
        _down = true;
        _client?.Close();
    }

    public void ComeBack()
    {
        _stalled = false;
        _down = false;
    }

    /// <summary>Stops sending audio but keeps the connection open (until <see cref="GoDown"/> or <see cref="ComeBack"/>).</summary>
    public void Stall() => _stalled = true;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _client?.Close();
        _thread.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private void Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener.AcceptSocket();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    ReadRequest(client);
                    if (_down)
                    {
                        Interlocked.Increment(ref _refused);
                        client.Send("HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"u8);
                        continue;
                    }

                    Interlocked.Increment(ref _connections);
                    _client = client;
                    Stream(client);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
                {
                    // The listener went away or GoDown closed the socket: wait for the next one.
                }
                finally
                {
                    _client = null;
                }
            }
        }
    }

    private static void ReadRequest(Socket client)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = client.Receive(buffer);
            if (n == 0)
            {
                throw new IOException("client closed before the request ended");
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
    }

    private void Stream(Socket client)
    {
        client.Send("HTTP/1.0 200 OK\r\nContent-Type: audio/wav\r\nicy-name: Bat Xat district (test)\r\n\r\n"u8);
        client.Send(WavHeader());
        var chunk = new byte[ChunkSamples * 2];
        var next = LiveSample / ChunkSamples * ChunkSamples;
        while (!_stop.IsCancellationRequested && !_down)
        {
            var due = TimeSpan.FromSeconds((double)next / Rate);
            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            if (_stalled)
            {
                next += ChunkSamples;
                continue;
            }

            for (var i = 0; i < ChunkSamples; i++)
            {
                var sample = _signal[(next + i) % _signal.Length];
                BinaryPrimitives.WriteInt16LittleEndian(chunk.AsSpan(i * 2), (short)Math.Clamp(Math.Round(sample * 32767.0), -32768, 32767));
            }

            client.Send(chunk);
            next += ChunkSamples;
        }
    }

    /// <summary>RIFF/WAVE header of a stream of unknown length (sizes 0xFFFFFFFF, as streaming servers send).</summary>
    private static byte[] WavHeader()
    {
        var h = new byte[44];
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), uint.MaxValue);
        "WAVEfmt "u8.CopyTo(h.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(24), Rate);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(28), Rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(34), 16);
        "data"u8.CopyTo(h.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(40), uint.MaxValue);
        return h;
    }
}
