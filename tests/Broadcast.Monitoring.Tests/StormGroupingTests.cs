using System.Text.Json;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Tests.Support;

namespace Broadcast.Monitoring.Tests;

public sealed class StormGroupingTests
{
    [Fact]
    public async Task Poll_EightClustersOfOneCommuneOffline_OneGroupAlertAndOneWebhookCall()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var rig = new MonitorRig(o => o.WebhookUrl = receiver.Url);
        await rig.Webhook.StartAsync(CancellationToken.None);
        var yTy = MonitorRig.ClustersOf("Y Tý").Take(8).ToArray();
        const string aLu = "BX-AL-05";

        // A power cut reaches the clusters over 20 s (heartbeats are 15 s apart); one cluster elsewhere fails alone.
        rig.SetOffline([.. yTy[..3], aLu]);
        await rig.PollEveryAsync(4);
        rig.SetOffline(yTy[3..]);
        await rig.PollUntilAsync(MonitorRig.Start + TimeSpan.FromMinutes(10));
        await rig.FlushWebhookAsync();

        var top = rig.Board.List(new AlertListQuery());
        Assert.Equal(2, top.Count);
        var group = Assert.Single(top, a => a.Members is not null);
        Assert.Equal(AlertKind.EndpointOffline, group.Kind);
        Assert.Equal("commune:Y Tý", group.Subject);
        Assert.Equal("Y Tý", group.Commune);
        Assert.Equal("8 clusters of Y Tý offline", group.Message);
        Assert.Equal(8, group.Count);
        Assert.Equal(yTy, group.Members!.Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.All(group.Members!, m => Assert.Equal(group.Id, m.GroupId));
        Assert.Equal(aLu, Assert.Single(top, a => a.Members is null).Subject);

        Assert.Equal(2, receiver.Bodies.Count);
        Assert.Contains("\"commune\":\"Y Tý\"", receiver.Bodies[0], StringComparison.Ordinal);
        Assert.All(receiver.ContentTypes, t => Assert.StartsWith("application/json", t, StringComparison.Ordinal));
        var groupMessages = receiver.Bodies.Select(WebhookReceiver.Parse).Where(b => b.GetProperty("members").ValueKind == JsonValueKind.Array).ToList();
        var sent = Assert.Single(groupMessages);
        Assert.Equal("raised", sent.GetProperty("event").GetString());
        Assert.Equal(group.Id, sent.GetProperty("id").GetInt64());
        Assert.Equal("EndpointOffline", sent.GetProperty("kind").GetString());
        Assert.Equal("Critical", sent.GetProperty("severity").GetString());
        Assert.Equal("commune:Y Tý", sent.GetProperty("subject").GetString());
        Assert.Equal("Y Tý", sent.GetProperty("commune").GetString());
        Assert.Equal("8 clusters of Y Tý offline", sent.GetProperty("message").GetString());
        Assert.Equal(8, sent.GetProperty("count").GetInt32());
        Assert.Equal(yTy, sent.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).Order(StringComparer.Ordinal));
        var single = receiver.Bodies.Select(WebhookReceiver.Parse).Single(b => b.GetProperty("members").ValueKind == JsonValueKind.Null);
        Assert.Equal(aLu, single.GetProperty("subject").GetString());
        Assert.Equal(JsonValueKind.Null, single.GetProperty("members").ValueKind);
    }

    [Fact]
    public async Task Poll_StormEnds_GroupResolvesWithOneResolvedMessage()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var rig = new MonitorRig(o => o.WebhookUrl = receiver.Url);
        await rig.Webhook.StartAsync(CancellationToken.None);
        var ids = MonitorRig.ClustersOf("Nậm Pung").Take(7).ToArray();
        rig.SetOffline(ids);
        await rig.PollUntilAsync(MonitorRig.Start + TimeSpan.FromMinutes(4));

        rig.SetOnline(ids[..6]);
        await rig.PollEveryAsync(1);
        Assert.Equal("1 cluster of Nậm Pung offline", Assert.Single(rig.Board.List(new AlertListQuery())).Message);
        rig.SetOnline(ids[6]);
        await rig.PollEveryAsync(5);
        await rig.FlushWebhookAsync();

        Assert.Empty(rig.Board.List(new AlertListQuery()));
        Assert.All(rig.AllAlerts(), a => Assert.Equal(AlertState.Resolved, a.State));
        var events = receiver.Bodies.Select(WebhookReceiver.Parse).Select(b => (Event: b.GetProperty("event").GetString(), Subject: b.GetProperty("subject").GetString())).ToList();
        Assert.Equal([("raised", "commune:Nậm Pung"), ("resolved", "commune:Nậm Pung")], events);
    }

    [Fact]
    public void Poll_AsManyAsTheThreshold_StayIndividual()
    {
        using var rig = new MonitorRig();
        rig.SetOffline([.. MonitorRig.ClustersOf("Pa Cheo").Take(rig.Options.GroupThreshold)]);
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(5));

        var top = rig.Board.List(new AlertListQuery());
        Assert.Equal(rig.Options.GroupThreshold, top.Count);
        Assert.All(top, a => Assert.Null(a.Members));
    }

    [Fact]
    public void Poll_ClusterFailsAfterTheStorm_JoinsTheActiveGroup()
    {
        using var rig = new MonitorRig();
        var ids = MonitorRig.ClustersOf("Quang Kim").Take(7).ToArray();
        rig.SetOffline(ids[..6]);
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(3));
        rig.SetOffline(ids[6]);
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(15));

        var group = Assert.Single(rig.Board.List(new AlertListQuery()));
        Assert.Equal(7, group.Members!.Count);
        Assert.Equal("7 clusters of Quang Kim offline", group.Message);
    }

    [Fact]
    public void Summary_StormOfEight_CountsEachClusterOnce()
    {
        using var rig = new MonitorRig();
        rig.SetOffline([.. MonitorRig.ClustersOf("Y Tý").Take(8), "BX-AL-01"]);
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(5));
        var anyYTy = rig.AllAlerts().First(a => a.Commune == "Y Tý" && a.Members is null);
        rig.Board.Acknowledge(anyYTy.Id, "tech");

        var summary = rig.Board.Summary();

        Assert.Equal(8, summary.Open);
        Assert.Equal(1, summary.Acknowledged);
        Assert.Equal([new AlertKindCount(AlertKind.EndpointOffline, 8, 1)], summary.ByKind);
        Assert.Equal([new AlertCommuneCount("A Lù", 1, 0), new AlertCommuneCount("Y Tý", 7, 1)], summary.ByCommune);
    }
}
