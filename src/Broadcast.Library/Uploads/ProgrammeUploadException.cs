namespace Broadcast.Library.Uploads;

/// <summary>
/// An upload was refused; nothing of it is left on disk. <see cref="Exception.Message"/> is one line a technician can
/// act on; for <see cref="UploadRefusal.NotAudio"/> it is the ingest error (the inner <see cref="Broadcast.Audio.Ingest.AudioIngestException"/>).
/// </summary>
public sealed class ProgrammeUploadException : Exception
{
    public ProgrammeUploadException()
        : this(UploadRefusal.InvalidField, null, "the upload was refused")
    {
    }

    public ProgrammeUploadException(string message)
        : this(UploadRefusal.InvalidField, null, message)
    {
    }

    public ProgrammeUploadException(string message, Exception innerException)
        : this(UploadRefusal.InvalidField, null, message, innerException)
    {
    }

    public ProgrammeUploadException(UploadRefusal refusal, string? field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Refusal = refusal;
        Field = field;
    }

    public UploadRefusal Refusal { get; }

    /// <summary>The form field at fault (<c>file</c>, <c>title</c>, <c>category</c>, <c>commune</c>), or null.</summary>
    public string? Field { get; }

    internal static ProgrammeUploadException InvalidField(string field, string message) => new(UploadRefusal.InvalidField, field, $"{field}: {message}");
}
