namespace Broadcast.Protocol.Control;

/// <summary>What a <see cref="CommandMessage"/> asks.</summary>
public enum CommandKind
{
    /// <summary>Not a command (never on the wire).</summary>
    None = 0,

    /// <summary>Start playing a channel at a playout time.</summary>
    Play = 1,

    /// <summary>Stop playing a channel.</summary>
    Stop = 2,

    /// <summary>Set the output volume.</summary>
    Volume = 3,
}
