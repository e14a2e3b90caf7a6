namespace Broadcast.Library.Uploads;

/// <summary>Why an upload was not stored; the API turns each into an HTTP status.</summary>
public enum UploadRefusal
{
    /// <summary>A form field is missing or out of range (<see cref="ProgrammeUploadException.Field"/> names it).</summary>
    InvalidField,

    /// <summary>The file is larger than <see cref="LibraryOptions.MaxUploadBytes"/>.</summary>
    TooLarge,

    /// <summary>The file is not audio the ingest can read (the message is the ingest error).</summary>
    NotAudio,

    /// <summary>ffmpeg/ffprobe or libopus is missing on the controller: no upload can be ingested until it is installed.</summary>
    DecoderMissing,

    /// <summary>The library folder cannot be written (permissions, full disk).</summary>
    StorageFailed,

    /// <summary>The caller may not upload for that commune (or for the whole district).</summary>
    Forbidden,
}
