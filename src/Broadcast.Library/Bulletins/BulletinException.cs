namespace Broadcast.Library.Bulletins;

/// <summary>
/// A workflow step or a text-to-speech request was refused; nothing changed. <see cref="Exception.Message"/> is one
/// line a person can act on; for <see cref="BulletinRefusal.Conflict"/> it names the current state, also given in
/// <see cref="State"/>.
/// </summary>
public sealed class BulletinException : Exception
{
    public BulletinException()
        : this(BulletinRefusal.InvalidField, "the request was refused")
    {
    }

    public BulletinException(string message)
        : this(BulletinRefusal.InvalidField, message)
    {
    }

    public BulletinException(string message, Exception innerException)
        : this(BulletinRefusal.InvalidField, message, innerException: innerException)
    {
    }

    public BulletinException(BulletinRefusal refusal, string message, ProgrammeState? state = null, string? field = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Refusal = refusal;
        State = state;
        Field = field;
    }

    public BulletinRefusal Refusal { get; }

    /// <summary>The programme's state when the step was refused, when there is a programme.</summary>
    public ProgrammeState? State { get; }

    /// <summary>The request field at fault (<c>reason</c>, <c>text</c>, <c>voice</c>...), or null.</summary>
    public string? Field { get; }
}
