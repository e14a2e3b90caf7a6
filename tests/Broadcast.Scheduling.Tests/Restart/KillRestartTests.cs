using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Broadcast.Scheduling.Tests.Support;
using Broadcast.Tests.Common;

namespace Broadcast.Scheduling.Tests.Restart;

/// <summary>
/// The real server process, killed with SIGKILL before a one-off slot and started again from the same data
/// directory after it: the schedules, the library and the audit trail are intact, the slot airs late where its grace window
/// allows and is recorded missed (with the reason) where it does not, and a further restart airs nothing twice.
/// </summary>
public sealed class KillRestartTests : IDisposable
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(90);

    // Time for the first server to take three schedules before the one-offs fall due.
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(8);

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _work = new();

    public void Dispose()
    {
        _data.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task KillMinus9BeforeAOneOff_RestartAfterIt_AirsLateInsideGrace_MissesOutside_AndNeverTwice()
    {
        var programme = _work.File("ban-tin.wav");
        Signals.WriteWav16(programme, Signals.Sine(440, -12, 1.0));

        long late, missed, daily;
        string libraryId;
        DateTimeOffset at;
        using (var first = ServerProcess.Start(_data.Path, _work.Path))
        {
            await first.WaitReadyAsync(Ready);
            await BadInputIsRefusedOverHttpAsync(first, programme);

            var now = TimeProvider.System.GetUtcNow();
            at = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + (long)Lead.TotalSeconds);
            var local = at.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            late = await AddAsync(first, new { name = "Bản tin trưa", programmes = new[] { programme }, target = "all", kind = "oneOff", at = local });
            missed = await AddAsync(first, new { name = "Thông báo ngắn", programmes = new[] { programme }, target = "all", kind = "oneOff", at = local, grace = "00:00:02" });
            var added = Bcast.Run(first.Token, "schedule", "add", "--name", "Bản tin chiều", "--programme", programme, "--target", "commune:Trịnh Tường", "--daily", "17:00", "--server", first.Url.ToString());
            Assert.True(added.ExitCode == 0, added.StdErr);
            daily = long.Parse(added.StdOut.Split(' ')[1], CultureInfo.InvariantCulture);

            libraryId = await UploadAsync(first, programme);

            Assert.True(TimeProvider.System.GetUtcNow() < at - TimeSpan.FromSeconds(1), "the schedules took too long to add; the kill would not come before the slot");
            first.KillHard();
        }

        // Down across the slot, past the 2-second window and past the 5 s within which a slot still counts as on time.
        var wait = at + TimeSpan.FromSeconds(6) - TimeProvider.System.GetUtcNow();
        await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, TimeProvider.System);

        long broadcastId;
        using (var second = ServerProcess.Start(_data.Path, _work.Path))
        {
            await second.WaitReadyAsync(Ready);
            var lateSlot = await SettledSlotAsync(second, late);
            Assert.True(lateSlot["status"]!.GetValue<string>() == "late", $"{lateSlot.ToJsonString()}\n{second.Output}");
            Assert.True(lateSlot["lateSeconds"]!.GetValue<double>() >= 6, lateSlot.ToJsonString());
            Assert.StartsWith("aired", lateSlot["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            broadcastId = lateSlot["broadcastId"]!.GetValue<long>();

            var missedSlot = await SettledSlotAsync(second, missed);
            Assert.Equal("missed", missedSlot["status"]!.GetValue<string>());
            var reason = missedSlot["reason"]!.GetValue<string>();
            Assert.StartsWith($"controller was not running at {at.ToOffset(VietnamTime.Offset):yyyy-MM-dd HH:mm:ss}; came back ", reason, StringComparison.Ordinal);
            Assert.EndsWith(", after the 2-second grace window", reason, StringComparison.Ordinal);
            Assert.Null(missedSlot["broadcastId"]);

            var schedules = await second.Http.GetFromJsonAsync<JsonArray>(new Uri("/api/schedules", UriKind.Relative));
            Assert.Equal([late, missed, daily], schedules!.Select(s => s!["id"]!.GetValue<long>()));
            Assert.EndsWith("T17:00:00+07:00", schedules![2]!["next"]![0]!["at"]!.GetValue<string>(), StringComparison.Ordinal);

            var audit = await second.Http.GetFromJsonAsync<JsonObject>(new Uri("/api/audit?limit=1000", UriKind.Relative));
            var actions = audit!["entries"]!.AsArray().Select(e => (e!["action"]!.GetValue<string>(), e!["subject"]!.GetValue<string>())).ToList();
            Assert.Contains(("schedule.add", $"schedule {late}"), actions);
            Assert.Contains(("schedule.add", $"schedule {daily}"), actions);
            Assert.Contains(("slot.fired", $"schedule {late}"), actions);
            Assert.Contains(("slot.missed", $"schedule {missed}"), actions);
            Assert.Contains(("programme.upload", libraryId), actions);

            // The library survived the kill too: the record and its encoded audio (an Ogg stream) are served.
            var record = await second.Http.GetFromJsonAsync<JsonObject>(new Uri($"/api/programmes/{libraryId}", UriKind.Relative));
            Assert.Equal("Bản tin thư viện", record!["title"]!.GetValue<string>());
            var audio = await second.Http.GetByteArrayAsync(new Uri($"/api/programmes/{libraryId}/audio", UriKind.Relative));
            Assert.Equal("OggS"u8.ToArray(), audio[..4]);
            second.KillHard();
        }

        using var third = ServerProcess.Start(_data.Path, _work.Path);
        await third.WaitReadyAsync(Ready);
        var again = await third.Http.GetFromJsonAsync<JsonArray>(new Uri($"/api/schedules/{late}/slots", UriKind.Relative));
        var row = Assert.Single(again!)!;
        Assert.Equal(("late", broadcastId), (row["status"]!.GetValue<string>(), row["broadcastId"]!.GetValue<long>()));
        Assert.Empty((await third.Http.GetFromJsonAsync<JsonArray>(new Uri("/api/broadcasts", UriKind.Relative)))!);
        OperatorVerbsWork(third, daily, missed);
    }

    private static async Task<string> UploadAsync(ServerProcess server, string file)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Bản tin thư viện"), "title" },
            { new StringContent("news"), "category" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(file)), "file", Path.GetFileName(file) },
        };
        using var response = await server.Http.PostAsync(new Uri("/api/programmes", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    private static async Task BadInputIsRefusedOverHttpAsync(ServerProcess server, string programme)
    {
        using var badCron = await server.Http.PostAsJsonAsync(new Uri("/api/schedules", UriKind.Relative),
            new { name = "x", programmes = new[] { programme }, target = "all", kind = "cron", cron = "0 61 5 * * ?" });
        Assert.Equal(HttpStatusCode.BadRequest, badCron.StatusCode);
        var problem = await badCron.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]!["cron"]);
        Assert.Equal("invalid-field", problem["code"]!.GetValue<string>());

        using var pastAt = await server.Http.PostAsJsonAsync(new Uri("/api/schedules", UriKind.Relative),
            new { name = "x", programmes = new[] { programme }, target = "all", kind = "oneOff", at = "2020-01-01 05:30" });
        Assert.Equal(HttpStatusCode.BadRequest, pastAt.StatusCode);
        Assert.NotNull((await pastAt.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["at"]);

        using var unknown = await server.Http.PostAsJsonAsync(new Uri("/api/schedules", UriKind.Relative),
            new { name = "x", programmes = new[] { "no-such-programme" }, target = "all", kind = "daily", times = new[] { "05:30" } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var notFound = await unknown.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("programmes[0]", notFound!["field"]!.GetValue<string>());
        Assert.Contains("no-such-programme", notFound["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var badTarget = await server.Http.PostAsJsonAsync(new Uri("/api/schedules", UriKind.Relative),
            new { name = "x", programmes = new[] { programme }, target = "hamlet:Nowhere", kind = "daily", times = new[] { "05:30" } });
        Assert.Equal(HttpStatusCode.BadRequest, badTarget.StatusCode);
        Assert.Contains("hamlet:Nowhere", (await badTarget.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["target"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static void OperatorVerbsWork(ServerProcess server, long daily, long missed)
    {
        var url = server.Url.ToString();
        var list = Bcast.Run(server.Token, "schedule", "list", "--server", url);
        Assert.True(list.ExitCode == 0, list.StdErr);
        Assert.Contains("Bản tin chiều: daily at 17:00 to commune:Trịnh Tường", list.StdOut, StringComparison.Ordinal);

        var tomorrow = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().ToOffset(VietnamTime.Offset).DateTime).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var skip = Bcast.Run(server.Token, "schedule", "skip", daily.ToString(CultureInfo.InvariantCulture), "--date", tomorrow, "--reason", "Ngày lễ", "--server", url);
        Assert.True(skip.ExitCode == 0, skip.StdErr);
        Assert.Contains($"skips {tomorrow}", skip.StdOut, StringComparison.Ordinal);

        var slots = Bcast.Run(server.Token, "schedule", "slots", missed.ToString(CultureInfo.InvariantCulture), "--server", url);
        Assert.Contains("missed: controller was not running at", slots.StdOut, StringComparison.Ordinal);

        var badCron = Bcast.Run(server.Token, "schedule", "add", "--name", "x", "--programme", "p", "--target", "all", "--cron", "every day", "--server", url);
        Assert.Equal(2, badCron.ExitCode);
        Assert.Contains("controller refused (400): cron: 'every day' is not a valid Quartz cron expression", badCron.StdErr, StringComparison.Ordinal);

        var twoWhens = Bcast.Run(server.Token, "schedule", "add", "--name", "x", "--programme", "p", "--target", "all", "--daily", "05:30", "--cron", "0 0 6 * * ?", "--server", url);
        Assert.Equal(2, twoWhens.ExitCode);
        Assert.Contains("exactly one of --at, --daily", twoWhens.StdErr, StringComparison.Ordinal);

        var remove = Bcast.Run(server.Token, "schedule", "remove", daily.ToString(CultureInfo.InvariantCulture), "--server", url);
        Assert.True(remove.ExitCode == 0, remove.StdErr);
        Assert.DoesNotContain("Bản tin chiều", Bcast.Run(server.Token, "schedule", "list", "--server", url).StdOut, StringComparison.Ordinal);
    }

    private static async Task<long> AddAsync(ServerProcess server, object body)
    {
        using var response = await server.Http.PostAsJsonAsync(new Uri("/api/schedules", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    /// <summary>The single ledger row of a one-off once it is settled (polls the API, bounded).</summary>
    private static async Task<JsonObject> SettledSlotAsync(ServerProcess server, long id)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var slots = await server.Http.GetFromJsonAsync<JsonArray>(new Uri($"/api/schedules/{id}/slots", UriKind.Relative), patience.Token);
            if (slots is [JsonObject slot] && slot["status"]!.GetValue<string>() != "starting")
            {
                return slot;
            }

            Assert.False(patience.IsCancellationRequested, $"schedule {id} has no settled slot: {slots?.ToJsonString()}\n{server.Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None);
        }
    }
}
