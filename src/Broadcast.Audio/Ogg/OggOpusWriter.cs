using System.Security.Cryptography;

namespace Broadcast.Audio.Ogg;

/// <summary>
/// Writes an Ogg Opus stream (RFC 7845): OpusHead alone on the first (BOS) page, OpusTags on its own page(s),
/// then Opus packets grouped into pages of about one second or 4 KB so a player can seek and a listener can join
/// mid-stream, and an EOS page whose granule trims the padding so players show the exact duration (§4.4).
/// The caller owns the stream; nothing is written to it after <see cref="Finish"/>.
/// </summary>
public sealed class OggOpusWriter : IDisposable
{
    /// <summary>A page is closed once it holds this much audio (48 kHz samples): one second, the usual seek granularity.</summary>
    public const int PageFlushSamples = 48000;

    /// <summary>A page is closed before it would exceed this many body bytes, keeping pages small for streaming.</summary>
    public const int PageFlushBytes = 4096;

    /// <summary>Longest Opus packet, 120 ms at 48 kHz (RFC 6716 §3.2.5).</summary>
    private const int MaxPacketSamples = 5760;

    private readonly Stream _output;
    private readonly OggPageWriter _pages;
    private readonly int _preSkip;
    private long _granule;
    private long _flushedGranule;
    private bool _finished;

    /// <summary>Writes the two header pages immediately. A random serial is chosen when <paramref name="serial"/> is null.</summary>
    public OggOpusWriter(Stream output, OggOpusHeader head, OpusTags tags, int? serial = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(tags);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        _output = output;
        _preSkip = head.PreSkip;
        // RFC 3533 §4: serials should be random so that streams can be multiplexed or chained without clashing.
        var serialNumber = serial is { } s ? unchecked((uint)s) : unchecked((uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue));
        _pages = new OggPageWriter(output, serialNumber);

        // RFC 7845 §3: ID header alone on page 0 (granule 0), comment header finishing its own page (granule 0).
        Span<byte> id = stackalloc byte[OggOpusHeader.Size];
        head.TryWrite(id, out _);
        _pages.AddPacket(id, 0);
        _pages.FlushPage(endOfStream: false);
        _pages.AddPacket(tags.ToPacket(), 0);
        _pages.FlushPage(endOfStream: false);
    }

    /// <summary>The bitstream serial number written in every page header.</summary>
    public int Serial => unchecked((int)_pages.Serial);

    /// <summary>48 kHz samples of all packets written so far, including the pre-skip region (the running granule).</summary>
    public long GranulePosition => _granule;

    /// <summary>
    /// Appends one Opus packet that decodes to <paramref name="samples48k"/> samples per channel at 48 kHz.
    /// A page's granule is the decoded sample count up to the last packet completed on it (RFC 7845 §4).
    /// </summary>
    public void WritePacket(ReadOnlySpan<byte> opusPacket, int samples48k)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (opusPacket.IsEmpty)
        {
            throw new ArgumentException("An Opus packet has at least one byte (RFC 6716 §3.1).", nameof(opusPacket));
        }

        if (samples48k is <= 0 or > MaxPacketSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(samples48k), samples48k, $"Packet duration must be 1..{MaxPacketSamples} samples at 48 kHz.");
        }

        // Flush before adding rather than after, so the final page always holds at least the last packet and
        // Finish can end-trim it (RFC 7845 §4.4 only trims within the last page).
        if (_pages.HasPendingSegments &&
            (_granule - _flushedGranule >= PageFlushSamples || _pages.PendingBodyBytes + opusPacket.Length > PageFlushBytes))
        {
            _pages.FlushPage(endOfStream: false);
            _flushedGranule = _granule;
        }

        _granule += samples48k;
        _pages.AddPacket(opusPacket, _granule);
    }

    /// <summary>
    /// Writes the last page with EOS and granule pre-skip + <paramref name="originalSampleCount"/>, so decoders drop
    /// the encoder's padding at the end (RFC 7845 §4.4). The count must not exceed the audio written and must not
    /// trim into pages already written.
    /// </summary>
    public void Finish(long originalSampleCount)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var available = Math.Max(0, _granule - _preSkip);
        if (originalSampleCount < 0 || originalSampleCount > available)
        {
            throw new ArgumentOutOfRangeException(nameof(originalSampleCount), originalSampleCount,
                $"The packets written decode to {available} samples after the {_preSkip}-sample pre-skip; encode more (padded) frames.");
        }

        var final = _granule == 0 ? 0 : _preSkip + originalSampleCount;
        if (final < _flushedGranule)
        {
            throw new ArgumentOutOfRangeException(nameof(originalSampleCount), originalSampleCount,
                $"End trimming may only remove audio from the last page (granule {_flushedGranule}..{_granule}).");
        }

        _pages.FlushPage(endOfStream: true, granuleOverride: final);
        _output.Flush();
        _finished = true;
    }

    /// <summary>Finishes without end trimming if <see cref="Finish"/> was not called; does not dispose the stream.</summary>
    public void Dispose()
    {
        if (!_finished)
        {
            Finish(Math.Max(0, _granule - _preSkip));
        }
    }
}
