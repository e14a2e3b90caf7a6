namespace Broadcast.Library.Bulletins;

/// <summary>A change of a programme's title or category; null fields stay as they are.</summary>
public sealed record ProgrammeEdit(string? Title = null, string? Category = null);
