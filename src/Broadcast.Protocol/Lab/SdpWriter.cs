using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Broadcast.Protocol.Rtp;

namespace Broadcast.Protocol.Lab;

/// <summary>
/// Writes an SDP (RFC 8866) description of a lab-mode plain Opus RTP stream that ffmpeg
/// (`ffmpeg -protocol_whitelist file,udp,rtp -i stream.sdp`) and VLC can play. Payload format per RFC 7587
/// section 7: "opus/48000/2" is mandatory in rtpmap whatever the channel count; ptime 20 ms.
/// </summary>
public static class SdpWriter
{
    /// <summary>SDP text with CRLF line ends (RFC 8866 section 5).</summary>
    /// <param name="destination">Address the receiver listens on (unicast or multicast group).</param>
    /// <param name="port">UDP port of RTP (RTCP on port + 1).</param>
    /// <param name="sessionName">s= line; ASCII letters recommended.</param>
    /// <param name="sessionId">o= session id (e.g. the channel id).</param>
    /// <param name="stereo">Whether the stream carries two channels.</param>
    public static string Write(IPAddress destination, int port, string sessionName, ulong sessionId, bool stereo = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var name = string.IsNullOrWhiteSpace(sessionName) ? "Broadcast lab stream" : sessionName.ReplaceLineEndings(" ");
        var family = destination.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        var connection = destination.ToString();
        if (family == "IP4" && IsMulticast(destination))
        {
            connection += "/16"; // TTL for IPv4 multicast is mandatory in c= (RFC 8866 section 5.7).
        }

        var sdp = new StringBuilder();
        void Line(string text) => sdp.Append(text).Append("\r\n");
        Line("v=0");
        Line(string.Create(CultureInfo.InvariantCulture, $"o=- {sessionId} 1 IN {family} {destination}"));
        Line("s=" + name);
        Line(string.Create(CultureInfo.InvariantCulture, $"c=IN {family} {connection}"));
        Line("t=0 0");
        Line(string.Create(CultureInfo.InvariantCulture, $"m=audio {port} RTP/AVP {OpusRtp.PayloadType}"));
        Line(string.Create(CultureInfo.InvariantCulture, $"a=rtpmap:{OpusRtp.PayloadType} opus/{OpusRtp.ClockRate}/2"));
        Line(string.Create(CultureInfo.InvariantCulture, $"a=fmtp:{OpusRtp.PayloadType} minptime=10;useinbandfec=1;stereo={(stereo ? 1 : 0)};sprop-stereo={(stereo ? 1 : 0)}"));
        Line("a=ptime:20");
        Line("a=recvonly");
        return sdp.ToString();
    }

    private static bool IsMulticast(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out var written) && written == 4 && (bytes[0] & 0xF0) == 0xE0;
    }
}
