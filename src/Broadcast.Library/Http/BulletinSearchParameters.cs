using Broadcast.Library.Bulletins;
using Broadcast.Library.Search;
using Microsoft.AspNetCore.Http;

namespace Broadcast.Library.Http;

/// <summary>
/// The query string of <c>GET /api/bulletins</c>: those of <c>GET /api/programmes</c> (<see cref="ProgrammeSearchParameters"/>)
/// plus <c>status</c> (draft, submitted, approved, rejected, scheduled, aired) and <c>flagged</c> (true: only those
/// an emergency used before approval).
/// </summary>
public static class BulletinSearchParameters
{
    public static bool TryParse(IQueryCollection query, TimeZoneInfo zone, out ProgrammeQuery result, out BulletinStatus? status, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        status = null;
        if (!ProgrammeSearchParameters.TryParse(query, zone, out result, out error))
        {
            return false;
        }

        var statusText = query["status"].ToString().Trim();
        if (statusText.Length > 0)
        {
            status = BulletinStatusNames.Find(statusText);
            if (status is null)
            {
                error = $"status: unknown status '{statusText}'; use one of {string.Join(", ", BulletinStatusNames.All)}";
                return false;
            }
        }

        var flaggedText = query["flagged"].ToString().Trim();
        if (flaggedText.Length > 0)
        {
            if (!bool.TryParse(flaggedText, out var flagged))
            {
                error = $"flagged: '{flaggedText}' is not true or false";
                return false;
            }

            result = result with { FlaggedForReview = flagged };
        }

        return true;
    }
}
