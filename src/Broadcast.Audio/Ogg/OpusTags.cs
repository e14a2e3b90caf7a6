using System.Buffers.Binary;
using System.Text;

namespace Broadcast.Audio.Ogg;

/// <summary>
/// The Ogg Opus comment header, "OpusTags" (RFC 7845 §5.2): a vendor string and Vorbis-style user comments
/// "KEY=value" in UTF-8. Keys are ASCII 0x20..0x7D without '=' and compare case-insensitively.
/// </summary>
public sealed class OpusTags
{
    private readonly List<string> _comments = [];

    /// <summary>Creates tags with the given vendor string (who wrote the stream).</summary>
    public OpusTags(string vendor = "Broadcast")
    {
        ArgumentNullException.ThrowIfNull(vendor);
        Vendor = vendor;
    }

    /// <summary>Identifies the encoder software; stored as-is.</summary>
    public string Vendor { get; set; }

    /// <summary>All comments in stream order, each normally "KEY=value".</summary>
    public IReadOnlyList<string> Comments => _comments;

    /// <summary>The TITLE tag, what players and ffprobe show as the title; null removes it.</summary>
    public string? Title
    {
        get => Get("TITLE");
        set => Set("TITLE", value);
    }

    internal static ReadOnlySpan<byte> Magic => "OpusTags"u8;

    /// <summary>Appends a comment; keys may repeat (e.g. several ARTIST).</summary>
    public void Add(string key, string value)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        _comments.Add(key + "=" + value);
    }

    /// <summary>Replaces every comment with <paramref name="key"/> by one with <paramref name="value"/>; null just removes.</summary>
    public void Set(string key, string? value)
    {
        ValidateKey(key);
        Remove(key);
        if (value is not null)
        {
            _comments.Add(key + "=" + value);
        }
    }

    /// <summary>The value of the first comment with <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        ValidateKey(key);
        foreach (var c in _comments)
        {
            if (KeyMatches(c, key))
            {
                return c[(key.Length + 1)..];
            }
        }

        return null;
    }

    /// <summary>Values of every comment with <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<string> GetAll(string key)
    {
        ValidateKey(key);
        var values = new List<string>();
        foreach (var c in _comments)
        {
            if (KeyMatches(c, key))
            {
                values.Add(c[(key.Length + 1)..]);
            }
        }

        return values;
    }

    /// <summary>Removes every comment with <paramref name="key"/>; returns how many.</summary>
    public int Remove(string key)
    {
        ValidateKey(key);
        return _comments.RemoveAll(c => KeyMatches(c, key));
    }

    /// <summary>Serializes to an OpusTags packet.</summary>
    public byte[] ToPacket()
    {
        var length = 8 + 4 + Encoding.UTF8.GetByteCount(Vendor) + 4;
        foreach (var c in _comments)
        {
            length += 4 + Encoding.UTF8.GetByteCount(c);
        }

        var packet = new byte[length];
        var span = packet.AsSpan();
        Magic.CopyTo(span);
        var pos = 8;
        pos += WriteString(span[pos..], Vendor);
        BinaryPrimitives.WriteUInt32LittleEndian(span[pos..], (uint)_comments.Count);
        pos += 4;
        foreach (var c in _comments)
        {
            pos += WriteString(span[pos..], c);
        }

        return packet;
    }

    /// <summary>Parses an OpusTags packet; on failure <paramref name="error"/> says why.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> packet, out OpusTags? tags, out string? error)
    {
        tags = null;
        if (packet.Length < 8 || !packet[..8].SequenceEqual(Magic))
        {
            error = "second packet is not an OpusTags comment header (RFC 7845 §5.2)";
            return false;
        }

        var pos = 8;
        if (!TryReadString(packet, ref pos, out var vendor))
        {
            error = "OpusTags vendor string runs past the end of the packet";
            return false;
        }

        if (packet.Length - pos < 4)
        {
            error = "OpusTags ends before the comment count";
            return false;
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(packet[pos..]);
        pos += 4;

        // Each comment needs at least its 4-byte length, so a count beyond that is corrupt, not a reason to allocate.
        if (count > (uint)(packet.Length - pos) / 4)
        {
            error = $"OpusTags claims {count} comments but holds at most {(packet.Length - pos) / 4}";
            return false;
        }

        var result = new OpusTags(vendor);
        for (var i = 0; i < count; i++)
        {
            if (!TryReadString(packet, ref pos, out var comment))
            {
                error = $"OpusTags comment {i} runs past the end of the packet";
                return false;
            }

            result._comments.Add(comment);
        }

        // Bytes after the comments are allowed (RFC 7845 §5.2: binary data if the first bit is set) and ignored.
        tags = result;
        error = null;
        return true;
    }

    private static bool TryReadString(ReadOnlySpan<byte> packet, ref int pos, out string value)
    {
        value = string.Empty;
        if (packet.Length - pos < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(packet[pos..]);
        pos += 4;
        if (length > (uint)(packet.Length - pos))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(packet.Slice(pos, (int)length));
        pos += (int)length;
        return true;
    }

    private static int WriteString(Span<byte> destination, string value)
    {
        var n = Encoding.UTF8.GetBytes(value, destination[4..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)n);
        return 4 + n;
    }

    private static bool KeyMatches(string comment, string key) =>
        comment.Length > key.Length && comment[key.Length] == '=' &&
        string.Compare(comment, 0, key, 0, key.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var ch in key)
        {
            // Vorbis comment field names: printable ASCII 0x20..0x7D except '='.
            if (ch is < ' ' or > '}' or '=')
            {
                throw new ArgumentException($"Tag key '{key}' has a character outside ASCII 0x20..0x7D or an '='.", nameof(key));
            }
        }
    }
}
