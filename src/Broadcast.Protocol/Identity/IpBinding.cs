using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Broadcast.Protocol.Identity;

/// <summary>
/// The address an endpoint's key is bound to: one IP (a /32 or /128) or a CIDR prefix (RFC 4632, RFC 4291
/// section 2.3), IPv4 or IPv6. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, RFC 4291 section 2.5.5.2), as a
/// dual-stack socket reports them, are compared as the IPv4 address they carry.
/// </summary>
public sealed class IpBinding : IEquatable<IpBinding>
{
    private readonly byte[] _network;

    private IpBinding(byte[] network, int prefixLength, AddressFamily family)
    {
        _network = network;
        PrefixLength = prefixLength;
        Family = family;
    }

    /// <summary>Prefix length in bits.</summary>
    public int PrefixLength { get; }

    /// <summary>IPv4 or IPv6.</summary>
    public AddressFamily Family { get; }

    /// <summary>Network address (host bits zero).</summary>
    public IPAddress Network => new(_network);

    /// <summary>Parses "10.20.3.15", "10.1.4.0/24", "2001:db8::/48". Host bits must be zero in a prefix.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out IpBinding? binding)
    {
        binding = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (addressText.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        address = Normalize(address);
        var bytes = address.GetAddressBytes();
        var maxPrefix = bytes.Length * 8;
        var prefix = maxPrefix;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit)
                || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix)
            {
                return false;
            }
        }

        var masked = (byte[])bytes.Clone();
        Mask(masked, prefix);
        if (!masked.AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        binding = new IpBinding(masked, prefix, address.AddressFamily);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> naming the text.</summary>
    public static IpBinding Parse(string text) =>
        TryParse(text, out var binding) ? binding : throw new FormatException($"'{text}' is not an IP address or CIDR prefix with zero host bits.");

    /// <summary>True when <paramref name="address"/> lies inside the binding.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Normalize(address);
        if (address.AddressFamily != Family)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written) || written != _network.Length)
        {
            return false;
        }

        bytes = bytes[..written];
        var full = PrefixLength / 8;
        if (!bytes[..full].SequenceEqual(_network.AsSpan(0, full)))
        {
            return false;
        }

        var rest = PrefixLength % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (bytes[full] & mask) == _network[full];
    }

    /// <summary>Canonical text: "10.1.4.0/24", "10.20.3.15/32".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");

    /// <inheritdoc />
    public bool Equals(IpBinding? other) =>
        other is not null && other.PrefixLength == PrefixLength && other._network.AsSpan().SequenceEqual(_network);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IpBinding);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(BinaryPrimitives.ReadUInt32BigEndian(_network), PrefixLength);

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static void Mask(byte[] bytes, int prefix)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsHere = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsHere));
        }
    }
}
