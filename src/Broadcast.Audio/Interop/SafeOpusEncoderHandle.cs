using Microsoft.Win32.SafeHandles;

namespace Broadcast.Audio.Interop;

/// <summary>Owns one native <c>OpusEncoder*</c>; <c>opus_encoder_destroy</c> runs exactly once, even if the owner forgets Dispose.</summary>
internal sealed class SafeOpusEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    // The LibraryImport generator creates the handle through this constructor when opus_encoder_create returns.
    public SafeOpusEncoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Opus.opus_encoder_destroy(handle);
        return true;
    }
}
