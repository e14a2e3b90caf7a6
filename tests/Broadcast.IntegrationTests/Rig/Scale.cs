using System.Globalization;

namespace Broadcast.IntegrationTests.Rig;

/// <summary>
/// Size of the district run. The defaults fit the whole project in about 4 minutes on the 2-core reference machine;
/// <c>BCAST_IT_CLUSTERS</c> and <c>BCAST_IT_SECONDS</c> raise them (the goal: 300 clusters, 60 s).
/// </summary>
internal static class Scale
{
    public static int DistrictClusters => Read("BCAST_IT_CLUSTERS", 302);

    public static double DistrictSeconds => Read("BCAST_IT_SECONDS", 60);

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
