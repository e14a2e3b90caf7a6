namespace Broadcast.Library.Bulletins;

/// <summary>Why a workflow step or a text-to-speech request was refused; the API turns each into an HTTP status.</summary>
public enum BulletinRefusal
{
    /// <summary>No programme with that id (404).</summary>
    NotFound,

    /// <summary>The step does not apply in the programme's current state (409; the message names the state).</summary>
    Conflict,

    /// <summary>The caller may not take this step on this programme: scope or the four-eyes rule (403).</summary>
    Forbidden,

    /// <summary>A field is missing or out of range: no reason for a rejection, text too long, unknown voice (400).</summary>
    InvalidField,

    /// <summary>The text-to-speech engine is missing on the controller (503).</summary>
    Unavailable,

    /// <summary>The text-to-speech engine failed or took too long (500).</summary>
    Failed,
}
