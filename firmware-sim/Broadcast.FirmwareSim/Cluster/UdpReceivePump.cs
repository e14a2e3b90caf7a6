using System.Net;
using System.Net.Sockets;

namespace Broadcast.FirmwareSim.Cluster;

/// <summary>
/// One dedicated thread that reads its share of the clusters' UDP media sockets (poll over all of them) and hands
/// each datagram to its cluster at once, so the arrival time a cluster stamps is when the datagram reached its socket.
/// Receive loops on the shared thread pool were stamped when the pool got round to them: a pool stall (hundreds of ms
/// when other code blocks pool threads, e.g. under a test host on a 2-core machine) then looked like network transit,
/// grew the adaptive jitter delay and moved playout. The simulator runs one per core, like the playout loops.
/// </summary>
internal sealed class UdpReceivePump : IDisposable
{
    private const int PollMicroseconds = 50_000;
    private readonly List<(Socket Socket, SimCluster Cluster)> _sockets;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public UdpReceivePump(IEnumerable<SimCluster> clusters)
    {
        _sockets = clusters.Where(c => c.MediaSocket is not null).Select(c => (c.MediaSocket!, c)).ToList();
        _thread = new Thread(Run) { IsBackground = true, Name = "sim-udp-receive" };
    }

    public void Start()
    {
        if (_sockets.Count > 0)
        {
            _thread.Start();
        }
    }

    private void Run()
    {
        var buffer = new byte[2048];
        var owners = _sockets.ToDictionary(s => s.Socket, s => s.Cluster);
        var ready = new List<Socket>(_sockets.Count);
        while (!_stopping && owners.Count > 0)
        {
            ready.Clear();
            ready.AddRange(owners.Keys);
            try
            {
                Socket.Select(ready, null, null, PollMicroseconds);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                // A socket went away (cluster disposed): drop the ones that no longer work and go on.
                RemoveBroken(owners);
                continue;
            }

            foreach (var socket in ready)
            {
                Drain(socket, owners, buffer);
            }
        }
    }

    private static void Drain(Socket socket, Dictionary<Socket, SimCluster> owners, byte[] buffer)
    {
        var cluster = owners[socket];
        try
        {
            EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            while (socket.Available > 0)
            {
                var n = socket.ReceiveFrom(buffer, SocketFlags.None, ref any);
                cluster.OnRawMedia(buffer.AsSpan(0, n));
            }
        }
        catch (ObjectDisposedException)
        {
            owners.Remove(socket);
        }
        catch (SocketException e)
        {
            cluster.OnReceiveFailed(e);
            owners.Remove(socket);
        }
    }

    private static void RemoveBroken(Dictionary<Socket, SimCluster> owners)
    {
        foreach (var socket in owners.Keys.ToList())
        {
            try
            {
                _ = socket.Available;
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                owners.Remove(socket);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }
    }
}
