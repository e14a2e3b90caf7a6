using Microsoft.Win32.SafeHandles;

namespace Broadcast.Audio.Interop;

/// <summary>Owns one native <c>OpusDecoder*</c>; <c>opus_decoder_destroy</c> runs exactly once, even if the owner forgets Dispose.</summary>
internal sealed class SafeOpusDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    // The LibraryImport generator creates the handle through this constructor when opus_decoder_create returns.
    public SafeOpusDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Opus.opus_decoder_destroy(handle);
        return true;
    }
}
