namespace Broadcast.Library.Uploads;

/// <summary>The programme an upload produced, or the one it already was.</summary>
/// <param name="Record">The stored programme.</param>
/// <param name="Duplicate">
/// True when the same bytes had been uploaded before: <paramref name="Record"/> is that earlier programme (its title and
/// category, not the ones given this time), and nothing was encoded or stored again.
/// </param>
public sealed record UploadResult(ProgrammeRecord Record, bool Duplicate);
