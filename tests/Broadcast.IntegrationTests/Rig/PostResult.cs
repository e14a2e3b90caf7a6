using System.Net;
using System.Text.Json;

namespace Broadcast.IntegrationTests.Rig;

/// <summary>Answer to <c>POST /api/broadcasts</c> and the controller-clock instant the request was sent.</summary>
internal sealed record PostResult(HttpStatusCode Status, JsonElement Body, DateTimeOffset PostedAt)
{
    public long Id => Body.GetProperty("id").GetInt64();

    public uint Channel => Body.GetProperty("channel").GetUInt32();

    public double DurationSeconds => Body.GetProperty("durationSeconds").GetDouble();

    public string Programme => Body.GetProperty("programme").GetString()!;
}
