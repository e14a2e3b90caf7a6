namespace Broadcast.Library.Bulletins;

/// <summary>The names of <see cref="ProgrammeState"/> in the database, the API and the audit trail (lower case, stable).</summary>
public static class ProgrammeStateNames
{
    public static string Of(ProgrammeState state) => state switch
    {
        ProgrammeState.Draft => "draft",
        ProgrammeState.Submitted => "submitted",
        ProgrammeState.Approved => "approved",
        ProgrammeState.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown programme state"),
    };

    /// <summary>The state named <paramref name="text"/> (any case), or null.</summary>
    public static ProgrammeState? Find(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "draft" => ProgrammeState.Draft,
        "submitted" => ProgrammeState.Submitted,
        "approved" => ProgrammeState.Approved,
        "rejected" => ProgrammeState.Rejected,
        _ => null,
    };
}
