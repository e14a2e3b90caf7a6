using Broadcast.Library.Bulletins;
using Broadcast.Library.Speech;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Broadcast.Library.Tests.Speech;

/// <summary>Text read by the real espeak-ng (installed by ./bcast test), through the library's normal ingest.</summary>
public sealed class SpeechBulletinsTests : IDisposable
{
    // 29 words (Vietnamese is written one syllable per word).
    private const string Notice = "Thông báo của Ủy ban nhân dân xã Trịnh Tường: sáng mai, lúc bảy giờ, trạm y tế xã tổ chức tiêm chủng cho trẻ em dưới năm tuổi.";
    private const int NoticeWords = 29;

    private readonly LibraryKit _kit = new();

    [Fact]
    public async Task CreateAsync_VietnameseNotice_DraftProgrammeOfPlausibleLengthAndAudible()
    {
        var options = new SpeechOptions { WordsPerMinute = 150 };

        var result = await Speech(options).CreateAsync(new SpeechRequest("Tiêm chủng", Notice, "Trịnh Tường", "health"), "bien-tap", submit: false);

        var r = result.Record;
        Assert.False(result.Duplicate);
        Assert.Equal((ProgrammeState.Draft, "Tiêm chủng", "health", "Trịnh Tường"), (r.State, r.Title, r.Category, r.Commune));
        Assert.Equal((Notice, "vi"), (r.SpeechText, r.SpeechVoice));
        // As long as the words take at the configured rate, give or take half (espeak-ng reads Vietnamese briskly).
        var expected = NoticeWords * 60.0 / options.WordsPerMinute;
        var measured = FfmpegDecode.ProbeDuration(r.AudioPath);
        Assert.InRange(measured, expected * 0.5, expected * 1.5);
        Assert.InRange(r.DurationSeconds, measured - 0.1, measured + 0.1);
        // Speech, normalised like any upload: an independent meter finds it near the -16 LUFS target, far from silence.
        Assert.InRange(FfmpegReference.Measure(r.AudioPath).IntegratedLufs, -18, -14);
        Assert.Equal(["programme.upload", "programme.tts"], _kit.Audit.Entries.Select(e => e.Action));
        Assert.Contains("read by text-to-speech (voice vi, 126 characters", _kit.Audit.Entries[^1].Detail, StringComparison.Ordinal);
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
    }

    [Fact]
    public async Task CreateAsync_FasterRate_ShorterAudio()
    {
        var slow = await Speech(new SpeechOptions { WordsPerMinute = 120 }).CreateAsync(new SpeechRequest("Chậm", Notice), "bien-tap", submit: false);
        var fast = await Speech(new SpeechOptions { WordsPerMinute = 240 }).CreateAsync(new SpeechRequest("Nhanh", Notice), "bien-tap", submit: false);

        Assert.InRange(fast.Record.DurationSeconds / slow.Record.DurationSeconds, 0.4, 0.75);
    }

    [Fact]
    public async Task CreateAsync_Submit_SubmittedInTheEditorsName()
    {
        var result = await Speech().CreateAsync(new SpeechRequest("Họp xóm", "Tối nay họp xóm lúc tám giờ.", "Y Tý", Voice: "vi-vn-x-south"), "bien-tap", submit: true);

        Assert.Equal((ProgrammeState.Submitted, "bien-tap", "vi-vn-x-south"), (result.Record.State, result.Record.SubmittedBy, result.Record.SpeechVoice));
        Assert.Equal(result.Record, _kit.Store.Find(result.Record.Id));
    }

    [Fact]
    public async Task CreateAsync_SameTextAgain_TheSameProgramme()
    {
        var first = await Speech().CreateAsync(new SpeechRequest("Một", "Mất điện từ hai giờ chiều."), "bien-tap", submit: false);

        var again = await Speech().CreateAsync(new SpeechRequest("Hai", "Mất điện từ hai giờ chiều."), "bien-tap-2", submit: false);

        Assert.True(again.Duplicate);
        Assert.Equal((first.Record.Id, "Một"), (again.Record.Id, again.Record.Title));
    }

    [Fact]
    public async Task CreateAsync_ShellCharactersInTheText_ReadAsTextNotRun()
    {
        var marker = _kit.File("ran");

        var result = await Speech().CreateAsync(new SpeechRequest("Thử", $"Thông báo $(touch {marker}) `touch {marker}`; touch {marker}"), "bien-tap", submit: false);

        Assert.False(File.Exists(marker));
        Assert.True(result.Record.DurationSeconds > 1);
    }

    [Fact]
    public async Task CreateAsync_EspeakMissing_UnavailableNamingThePackageAndNothingStored()
    {
        var options = new SpeechOptions { Executable = "/nonexistent/espeak-ng" };

        var ex = await Assert.ThrowsAsync<BulletinException>(() => Speech(options).CreateAsync(new SpeechRequest("T", Notice), "bien-tap", submit: false));

        Assert.Equal(BulletinRefusal.Unavailable, ex.Refusal);
        Assert.StartsWith("text-to-speech is not available: cannot run '/nonexistent/espeak-ng'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("install the Debian package espeak-ng", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _kit.Store.Search(new()).Total);
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
    }

    [Fact]
    public async Task CreateAsync_VoiceEspeakDoesNotHave_UnavailableNamingTheVoice()
    {
        var options = new SpeechOptions { Voices = ["vi", "zz-none"] };

        var ex = await Assert.ThrowsAsync<BulletinException>(() => Speech(options).CreateAsync(new SpeechRequest("T", Notice, Voice: "zz-none"), "bien-tap", submit: false));

        Assert.Equal((BulletinRefusal.Unavailable, "voice"), (ex.Refusal, ex.Field));
        Assert.StartsWith("text-to-speech: espeak-ng has no voice 'zz-none'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_VoiceNotOffered_InvalidFieldBeforeAnythingRuns()
    {
        // A missing engine would answer Unavailable: the voice is checked first.
        var options = new SpeechOptions { Executable = "/nonexistent/espeak-ng" };

        var ex = await Assert.ThrowsAsync<BulletinException>(() => Speech(options).CreateAsync(new SpeechRequest("T", Notice, Voice: "en"), "bien-tap", submit: false));

        Assert.Equal((BulletinRefusal.InvalidField, "voice"), (ex.Refusal, ex.Field));
        Assert.Equal("voice: 'en' is not offered; use one of vi, vi-vn-x-central, vi-vn-x-south (Speech:Voices)", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ... !! ")]
    public async Task CreateAsync_NothingToRead_InvalidField(string text)
    {
        var ex = await Assert.ThrowsAsync<BulletinException>(() => Speech().CreateAsync(new SpeechRequest("T", text), "bien-tap", submit: false));

        Assert.Equal((BulletinRefusal.InvalidField, "text"), (ex.Refusal, ex.Field));
    }

    [Fact]
    public async Task CreateAsync_TextOverTheLimit_InvalidFieldNamingBothLengths()
    {
        var ex = await Assert.ThrowsAsync<BulletinException>(() => Speech(new SpeechOptions { MaxTextLength = 100 }).CreateAsync(new SpeechRequest("T", new string('a', 101)), "bien-tap", submit: false));

        Assert.StartsWith("text: 101 characters; at most 100 are read in one bulletin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_MissingTitle_RefusedLikeAnUpload()
    {
        var ex = await Assert.ThrowsAsync<Uploads.ProgrammeUploadException>(() => Speech().CreateAsync(new SpeechRequest(" ", Notice), "bien-tap", submit: false));

        Assert.Equal("title", ex.Field);
    }

    [Fact]
    public async Task CreateAsync_EngineHangs_StoppedAfterTheTimeout()
    {
        var hang = _kit.File("hang.sh");
        File.WriteAllText(hang, "#!/bin/sh\nexec sleep 60\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hang, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var options = new SpeechOptions { Executable = hang, TimeoutSeconds = 5 };

        var task = Speech(options).CreateAsync(new SpeechRequest("T", Notice), "bien-tap", submit: false);
        // The child runs on the real clock; the timeout on the virtual one: advance it until the timer exists and fires.
        for (var i = 0; i < 200 && !task.IsCompleted; i++)
        {
            _kit.Time.Advance(TimeSpan.FromSeconds(6));
            await Task.WhenAny(task, Task.Delay(50));
        }

        var ex = await Assert.ThrowsAsync<BulletinException>(() => task);
        Assert.Equal(BulletinRefusal.Failed, ex.Refusal);
        Assert.Contains("did not finish within 5 s (Speech:TimeoutSeconds)", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _kit.Dispose();

    private SpeechBulletins Speech(SpeechOptions? options = null)
    {
        var settings = Options.Create(options ?? new SpeechOptions());
        return new SpeechBulletins(_kit.Store, new EspeakSynthesizer(settings, _kit.Time), settings, _kit.Time, NullLogger<SpeechBulletins>.Instance);
    }
}
