using System.Globalization;
using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Queue;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Accounts.Authorization;

/// <summary>Resource lookups for the controller's own resources: a running broadcast, a play-queue item.</summary>
internal static class BuiltInResourceTargets
{
    /// <summary><c>/api/broadcasts/{id}</c>: the broadcast's target expression.</summary>
    public static ValueTask<string?> Broadcast(IServiceProvider services, RouteValueDictionary values, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Id(values) is { } id ? services.GetRequiredService<BroadcastManager>().Find(id)?.Target : null);

    /// <summary><c>/api/queue/items/{id}</c>: the target of the queue that holds the item (playing or waiting).</summary>
    public static async ValueTask<string?> QueueItem(IServiceProvider services, RouteValueDictionary values, CancellationToken cancellationToken)
    {
        if (Id(values) is not { } id)
        {
            return null;
        }

        var queues = await services.GetRequiredService<PlayQueue>().ListAsync(null, cancellationToken).ConfigureAwait(false);
        return queues.FirstOrDefault(q => q.NowPlaying?.Item == id || q.Next.Any(i => i.Item == id))?.Target;
    }

    private static long? Id(RouteValueDictionary values) =>
        values.TryGetValue("id", out var raw) && long.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
