using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Broadcast.Audit.Storage;

/// <summary>
/// The hash chain: hash(n) = SHA-256(hash(n-1) || canonical bytes of entry n), hash(0) = 32 zero bytes. The
/// canonical bytes are a version tag, the sequence (8 bytes big-endian), then every field as a 4-byte big-endian
/// length and its UTF-8 (lists as a count then their items; the detail as a presence byte first). Length prefixes
/// make the encoding unambiguous: moving a comma from one field to the next changes the bytes. Not thread-safe: one
/// per user.
/// </summary>
internal sealed class AuditChainHasher : IDisposable
{
    public const int HashSize = 32;

    private static readonly byte[] VersionTag = "bcast-audit-v1"u8.ToArray();

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _scratch = new byte[512];

    /// <summary>The hash before the first entry.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[HashSize];

    public byte[] Next(ReadOnlySpan<byte> previous, StoredEntry entry)
    {
        _hash.AppendData(previous);
        _hash.AppendData(VersionTag);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Sequence);
        _hash.AppendData(number);
        AppendString(entry.AtUtc);
        AppendString(entry.Actor);
        AppendString(entry.Action);
        AppendString(entry.Subject);
        AppendString(entry.Result);
        AppendList(entry.Targets);
        AppendList(entry.Communes);
        _hash.AppendData(entry.Detail is null ? [0] : [1]);
        if (entry.Detail is not null)
        {
            AppendString(entry.Detail);
        }

        return _hash.GetHashAndReset();
    }

    public void Dispose() => _hash.Dispose();

    private void AppendList(IReadOnlyList<string> items)
    {
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(count, items.Count);
        _hash.AppendData(count);
        foreach (var item in items)
        {
            AppendString(item);
        }
    }

    private void AppendString(string value)
    {
        var needed = 4 + Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_scratch.Length < needed)
        {
            _scratch = new byte[Math.Max(needed, _scratch.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _scratch.AsSpan(4));
        BinaryPrimitives.WriteInt32BigEndian(_scratch, length);
        _hash.AppendData(_scratch, 0, 4 + length);
    }
}
