using System.Net.Http.Headers;
using Broadcast.Library.Http;
using Broadcast.Library.Uploads;
using Microsoft.AspNetCore.Http;

namespace Broadcast.Library.Tests.Http;

/// <summary>The multipart reader over an in-memory request (the server's limits are covered by the API tests).</summary>
public sealed class ProgrammeUploadFormTests : IDisposable
{
    private readonly LibraryKit _kit = new();

    [Fact]
    public async Task ImportAsync_FieldsThenFile_StoresWithUtf8FileName()
    {
        using var form = Form(("title", "Bản tin sáng"), ("category", "news"), ("commune", "Y Tý"));
        form.Add(File(_kit.Wav("x.wav")), "file", "Bản tin sáng.wav");

        var result = await ImportAsync(form);

        Assert.False(result.Duplicate);
        Assert.Equal(("Bản tin sáng", "news", "Y Tý", "Bản tin sáng.wav"), (result.Record.Title, result.Record.Category, result.Record.Commune, result.Record.SourceFileName));
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
    }

    [Fact]
    public async Task ImportAsync_FileBeforeFields_StillReadsTheFields()
    {
        using var form = new MultipartFormDataContent();
        form.Add(File(_kit.Wav("x.wav")), "file", "x.wav");
        form.Add(new StringContent("Tin trưa"), "title");
        form.Add(new StringContent("law"), "category");

        var result = await ImportAsync(form);

        Assert.Equal(("Tin trưa", "law"), (result.Record.Title, result.Record.Category));
    }

    [Fact]
    public async Task ImportAsync_BadCategoryBeforeFile_RefusedWithoutReceivingTheFile()
    {
        var wav = _kit.Wav("x.wav");
        using var form = Form(("title", "T"), ("category", "sport"));
        form.Add(File(wav), "file", "x.wav");
        var (context, body) = Request(form);

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => ProgrammeUploadForm.ImportAsync(context.Request, _kit.Store, "tester", null, CancellationToken.None));

        Assert.Equal(("category", UploadRefusal.InvalidField), (ex.Field, ex.Refusal));
        // The reader stopped at the start of the file part: most of the body was never read.
        Assert.True(body.Position < new FileInfo(wav).Length, $"read {body.Position} bytes");
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
        Assert.Equal("refused", Assert.Single(_kit.Audit.Entries).Result);
    }

    [Fact]
    public async Task ImportAsync_CommuneOutsideTheCallersScope_ForbiddenBeforeReceivingTheFile()
    {
        var wav = _kit.Wav("x.wav");
        using var form = Form(("title", "T"), ("commune", "Y Tý"));
        form.Add(File(wav), "file", "x.wav");
        var (context, body) = Request(form);
        var asked = new List<string?>();

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => ProgrammeUploadForm.ImportAsync(
            context.Request, _kit.Store, "editor-tt", c => { asked.Add(c); return c == "Trịnh Tường" ? null : $"editor-tt acts for Trịnh Tường only, not {c}"; }, CancellationToken.None));

        Assert.Equal((UploadRefusal.Forbidden, "commune"), (ex.Refusal, ex.Field));
        Assert.Equal("editor-tt acts for Trịnh Tường only, not Y Tý", ex.Message);
        Assert.Equal(["Y Tý"], asked);
        Assert.True(body.Position < new FileInfo(wav).Length, $"read {body.Position} bytes");
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
        var entry = Assert.Single(_kit.Audit.Entries);
        Assert.Equal(("editor-tt", "refused"), (entry.Actor, entry.Result));
    }

    [Fact]
    public async Task ImportAsync_FieldsAfterFile_ScopeStillCheckedBeforeIngest()
    {
        using var form = new MultipartFormDataContent();
        form.Add(File(_kit.Wav("x.wav")), "file", "x.wav");
        form.Add(new StringContent("T"), "title");
        var (context, _) = Request(form);
        var asked = new List<string?>();

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => ProgrammeUploadForm.ImportAsync(
            context.Request, _kit.Store, "editor-tt", c => { asked.Add(c); return "district programmes need a district role"; }, CancellationToken.None));

        Assert.Equal(UploadRefusal.Forbidden, ex.Refusal);
        Assert.Equal([null], asked);
        Assert.Equal(0, _kit.Store.Search(new()).Total);
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
    }

    [Fact]
    public async Task ImportAsync_NoFile_RefusedNamingTheFileField()
    {
        using var form = Form(("title", "T"));

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => ImportAsync(form));

        Assert.Equal("file", ex.Field);
        Assert.Contains("no file", ex.Message, StringComparison.Ordinal);
        Assert.Equal("refused", Assert.Single(_kit.Audit.Entries).Result);
    }

    [Fact]
    public async Task ImportAsync_FileInAnotherField_RefusedNamingTheFileField()
    {
        using var form = Form(("title", "T"));
        form.Add(File(_kit.Wav("x.wav")), "audio", "x.wav");

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => ImportAsync(form));

        Assert.Equal("file: the file came in the field 'audio'; send it in the field 'file'", ex.Message);
    }

    [Fact]
    public async Task ImportAsync_NotMultipart_RefusedSayingWhatToSend()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream("{}"u8.ToArray());

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => ProgrammeUploadForm.ImportAsync(context.Request, _kit.Store, "tester", null, CancellationToken.None));

        Assert.Contains("multipart/form-data", ex.Message, StringComparison.Ordinal);
        Assert.Equal(UploadRefusal.InvalidField, ex.Refusal);
    }

    [Fact]
    public async Task ImportAsync_TruncatedBody_RefusedAsMalformedAndNothingKept()
    {
        using var form = Form(("title", "T"));
        form.Add(File(_kit.Wav("x.wav")), "file", "x.wav");
        var bytes = await form.ReadAsByteArrayAsync();
        var context = new DefaultHttpContext();
        context.Request.ContentType = form.Headers.ContentType!.ToString();
        context.Request.Body = new MemoryStream(bytes[..(bytes.Length / 2)]);

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => ProgrammeUploadForm.ImportAsync(context.Request, _kit.Store, "tester", null, CancellationToken.None));

        Assert.Contains("ended early", ex.Message, StringComparison.Ordinal);
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
        Assert.Equal(0, _kit.Store.Search(new()).Total);
    }

    public void Dispose() => _kit.Dispose();

    private static MultipartFormDataContent Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static ByteArrayContent File(string path)
    {
        var content = new ByteArrayContent(System.IO.File.ReadAllBytes(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return content;
    }

    private static (DefaultHttpContext Context, MemoryStream Body) Request(MultipartFormDataContent form)
    {
        var body = new MemoryStream();
        form.CopyTo(body, null, CancellationToken.None);
        body.Position = 0;
        var context = new DefaultHttpContext();
        context.Request.ContentType = form.Headers.ContentType!.ToString();
        context.Request.Body = body;
        return (context, body);
    }

    private async Task<UploadResult> ImportAsync(MultipartFormDataContent form)
    {
        var (context, _) = Request(form);
        return await ProgrammeUploadForm.ImportAsync(context.Request, _kit.Store, "tester", null, CancellationToken.None);
    }
}
