using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Broadcast.Audio.Codec;

namespace Broadcast.Audio.Interop;

/// <summary>
/// libopus (Debian's libopus0) through source-generated P/Invoke. The raw imports mirror opus.h and stay private
/// (destroy functions are internal for the SafeHandles); callers use the span wrappers, which turn negative
/// return codes into <see cref="OpusException"/>.
/// </summary>
internal static unsafe partial class Opus
{
    // The SONAME, not the unversioned dev symlink: libopus-dev (which ships libopus.so) is not installed on targets.
    private const string LibraryName = "libopus.so.0";

    // opus_defines.h application and signal values.
    internal const int ApplicationVoip = 2048;
    internal const int ApplicationAudio = 2049;
    internal const int Auto = -1000;
    internal const int SignalVoice = 3001;
    internal const int SignalMusic = 3002;

    // opus_defines.h CTL request numbers (SET is even, GET is the following odd number).
    internal const int SetBitrateRequest = 4002;
    internal const int SetComplexityRequest = 4010;
    internal const int SetInbandFecRequest = 4012;
    internal const int SetPacketLossPercRequest = 4014;
    internal const int SetDtxRequest = 4016;
    internal const int SetSignalRequest = 4024;
    internal const int GetLookaheadRequest = 4027;
    internal const int ResetStateRequest = 4028;
    internal const int GetSampleRateRequest = 4029;

    // opus_defines.h error codes.
    internal const int Ok = 0;
    internal const int InvalidPacket = -4;

    [LibraryImport(LibraryName)]
    private static partial SafeOpusEncoderHandle opus_encoder_create(int fs, int channels, int application, out int error);

    [LibraryImport(LibraryName)]
    internal static partial void opus_encoder_destroy(nint st);

    [LibraryImport(LibraryName)]
    private static partial int opus_encode(SafeOpusEncoderHandle st, short* pcm, int frameSize, byte* data, int maxDataBytes);

    [LibraryImport(LibraryName)]
    private static partial int opus_encode_float(SafeOpusEncoderHandle st, float* pcm, int frameSize, byte* data, int maxDataBytes);

    // opus_encoder_ctl / opus_decoder_ctl are variadic in C (int request, ...). Declaring fixed-arity overloads is
    // safe on the platforms Broadcast ships to, x86-64 and arm64 Linux: under the SysV x86-64 ABI an int or pointer
    // vararg travels in the same integer register as a named argument would (rdx here), and the only extra rule for
    // variadic callees (%al = number of vector registers used) merely decides whether the callee spills xmm
    // registers in va_start, so a stale %al costs a few stores and nothing else. AAPCS64 on Linux passes variadic
    // integer arguments in x registers like named ones. This would NOT hold on Apple arm64 (varargs on the stack).
    [LibraryImport(LibraryName, EntryPoint = "opus_encoder_ctl")]
    private static partial int opus_encoder_ctl_set(SafeOpusEncoderHandle st, int request, int value);

    [LibraryImport(LibraryName, EntryPoint = "opus_encoder_ctl")]
    private static partial int opus_encoder_ctl_get(SafeOpusEncoderHandle st, int request, int* value);

    [LibraryImport(LibraryName, EntryPoint = "opus_encoder_ctl")]
    private static partial int opus_encoder_ctl_none(SafeOpusEncoderHandle st, int request);

    [LibraryImport(LibraryName)]
    private static partial SafeOpusDecoderHandle opus_decoder_create(int fs, int channels, out int error);

    [LibraryImport(LibraryName)]
    internal static partial void opus_decoder_destroy(nint st);

    [LibraryImport(LibraryName)]
    private static partial int opus_decode_float(SafeOpusDecoderHandle st, byte* data, int len, float* pcm, int frameSize, int decodeFec);

    [LibraryImport(LibraryName, EntryPoint = "opus_decoder_ctl")]
    private static partial int opus_decoder_ctl_none(SafeOpusDecoderHandle st, int request);

    [LibraryImport(LibraryName)]
    private static partial int opus_packet_get_nb_samples(byte* packet, int len, int fs);

    [LibraryImport(LibraryName)]
    private static partial byte* opus_strerror(int error);

    [LibraryImport(LibraryName)]
    private static partial byte* opus_get_version_string();

    internal static SafeOpusEncoderHandle EncoderCreate(int sampleRate, int channels, int application)
    {
        SafeOpusEncoderHandle handle;
        int error;
        try
        {
            handle = opus_encoder_create(sampleRate, channels, application, out error);
        }
        catch (DllNotFoundException e)
        {
            throw new OpusLibraryMissingException(e);
        }

        if (error != Ok || handle.IsInvalid)
        {
            handle.Dispose();
            throw Error("opus_encoder_create", error == Ok ? -7 : error);
        }

        return handle;
    }

    internal static void EncoderSet(SafeOpusEncoderHandle st, int request, int value, string what)
    {
        var r = opus_encoder_ctl_set(st, request, value);
        if (r < 0)
        {
            throw Error("opus_encoder_ctl(" + what + ")", r);
        }
    }

    internal static int EncoderGet(SafeOpusEncoderHandle st, int request, string what)
    {
        int value;
        var r = opus_encoder_ctl_get(st, request, &value);
        return r < 0 ? throw Error("opus_encoder_ctl(" + what + ")", r) : value;
    }

    internal static void EncoderReset(SafeOpusEncoderHandle st)
    {
        var r = opus_encoder_ctl_none(st, ResetStateRequest);
        if (r < 0)
        {
            throw Error("opus_encoder_ctl(OPUS_RESET_STATE)", r);
        }
    }

    internal static int Encode(SafeOpusEncoderHandle st, ReadOnlySpan<float> pcm, int frameSize, Span<byte> packet)
    {
        int r;
        fixed (float* p = pcm)
        fixed (byte* d = packet)
        {
            r = opus_encode_float(st, p, frameSize, d, packet.Length);
        }

        return r < 0 ? ThrowError("opus_encode_float", r) : r;
    }

    internal static int Encode(SafeOpusEncoderHandle st, ReadOnlySpan<short> pcm, int frameSize, Span<byte> packet)
    {
        int r;
        fixed (short* p = pcm)
        fixed (byte* d = packet)
        {
            r = opus_encode(st, p, frameSize, d, packet.Length);
        }

        return r < 0 ? ThrowError("opus_encode", r) : r;
    }

    internal static SafeOpusDecoderHandle DecoderCreate(int sampleRate, int channels)
    {
        SafeOpusDecoderHandle handle;
        int error;
        try
        {
            handle = opus_decoder_create(sampleRate, channels, out error);
        }
        catch (DllNotFoundException e)
        {
            throw new OpusLibraryMissingException(e);
        }

        if (error != Ok || handle.IsInvalid)
        {
            handle.Dispose();
            throw Error("opus_decoder_create", error == Ok ? -7 : error);
        }

        return handle;
    }

    internal static void DecoderReset(SafeOpusDecoderHandle st)
    {
        var r = opus_decoder_ctl_none(st, ResetStateRequest);
        if (r < 0)
        {
            throw Error("opus_decoder_ctl(OPUS_RESET_STATE)", r);
        }
    }

    /// <summary>Decodes <paramref name="packet"/>; an empty span passes NULL, which asks libopus for loss concealment.</summary>
    internal static int Decode(SafeOpusDecoderHandle st, ReadOnlySpan<byte> packet, Span<float> pcm, int frameSize, bool decodeFec)
    {
        int r;
        fixed (byte* d = packet)
        fixed (float* p = pcm)
        {
            r = opus_decode_float(st, packet.IsEmpty ? null : d, packet.Length, p, frameSize, decodeFec ? 1 : 0);
        }

        return r < 0 ? ThrowError(packet.IsEmpty ? "opus_decode_float(loss concealment)" : "opus_decode_float", r) : r;
    }

    internal static int PacketGetNbSamples(ReadOnlySpan<byte> packet, int sampleRate)
    {
        int r;
        try
        {
            fixed (byte* d = packet)
            {
                r = opus_packet_get_nb_samples(d, packet.Length, sampleRate);
            }
        }
        catch (DllNotFoundException e)
        {
            throw new OpusLibraryMissingException(e);
        }

        return r < 0 ? ThrowError("opus_packet_get_nb_samples", r) : r;
    }

    /// <summary>The libopus version, e.g. "libopus 1.3.1", used as the OpusTags vendor string.</summary>
    internal static string VersionString()
    {
        try
        {
            return Marshal.PtrToStringUTF8((nint)opus_get_version_string()) ?? "libopus";
        }
        catch (DllNotFoundException e)
        {
            throw new OpusLibraryMissingException(e);
        }
    }

    internal static OpusException Error(string operation, int code)
    {
        var text = Marshal.PtrToStringUTF8((nint)opus_strerror(code)) ?? "unknown error";
        return new OpusException(operation, code, text);
    }

    // Kept out of line so the per-frame callers stay small and inlinable.
    [DoesNotReturn]
    private static int ThrowError(string operation, int code) => throw Error(operation, code);
}
