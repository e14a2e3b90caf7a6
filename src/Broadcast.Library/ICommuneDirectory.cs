namespace Broadcast.Library;

/// <summary>
/// The communes of the district, so an upload for a commune names one that exists. Implemented by the controller over
/// its loaded topology; when none is registered any non-empty commune name is accepted as given.
/// </summary>
public interface ICommuneDirectory
{
    /// <summary>The commune's canonical name for an id, code or name (any Unicode normal form), or null when the district has no such commune.</summary>
    string? FindCommune(string idCodeOrName);
}
