using System.Text;
using Broadcast.Audit.Export;

namespace Broadcast.Audit.Tests.Export;

public sealed class AuditCsvTests
{
    private static readonly AuditEntry Tricky = new(
        7,
        new DateTimeOffset(2025, 3, 1, 1, 2, 3, 456, TimeSpan.Zero),
        "bà Lý",
        "programme.upload",
        "=HYPERLINK(\"http://x\",\"bấm\")",
        "ok",
        ["commune:Trịnh Tường", "hamlet:Lũng Pô, thôn 2"],
        ["Trịnh Tường"],
        "-3 dB\nđỉnh \"cao\"");

    private static readonly AuditEntry Plain = new(
        8, new DateTimeOffset(2025, 3, 1, 17, 0, 0, TimeSpan.Zero), "scheduler", "slot.missed", "slot-3", "missed", [], [], null);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\r\nnext", "\"line\r\nnext\"")]
    [InlineData("line\nnext", "\"line\nnext\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+84 912 345 678", "'+84 912 345 678")]
    [InlineData("-3 dB", "'-3 dB")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("=A1,B1", "\"'=A1,B1\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("Trịnh Tường", "Trịnh Tường")]
    public void Field_QuotesAndNeutralisesFormulas(string value, string expected)
    {
        Assert.Equal(expected, AuditCsv.Field(value));
    }

    [Fact]
    public void FormatRow_TrickyEntry_MatchesHandWrittenRow()
    {
        const string expected =
            "7,2025-03-01T08:02:03.456+07:00,bà Lý,programme.upload,\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\",ok," +
            "\"commune:Trịnh Tường; hamlet:Lũng Pô, thôn 2\",Trịnh Tường,\"'-3 dB\nđỉnh \"\"cao\"\"\"";

        Assert.Equal(expected, AuditCsv.FormatRow(Tricky));
    }

    [Fact]
    public async Task WriteAsync_TwoEntries_GivesBomHeaderAndCrlfRows()
    {
        using var stream = new MemoryStream();

        var rows = await AuditCsv.WriteAsync(stream, [Tricky, Plain], CancellationToken.None);

        var bytes = stream.ToArray();
        Assert.Equal(2, rows);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        const string expected =
            "sequence,at,actor,action,subject,result,targets,communes,detail\r\n" +
            "7,2025-03-01T08:02:03.456+07:00,bà Lý,programme.upload,\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\",ok," +
            "\"commune:Trịnh Tường; hamlet:Lũng Pô, thôn 2\",Trịnh Tường,\"'-3 dB\nđỉnh \"\"cao\"\"\"\r\n" +
            "8,2025-03-02T00:00:00.000+07:00,scheduler,slot.missed,slot-3,missed,,,\r\n";
        Assert.Equal(expected, new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public async Task WriteAsync_NoEntries_GivesBomAndHeaderOnly()
    {
        using var stream = new MemoryStream();

        await AuditCsv.WriteAsync(stream, [], CancellationToken.None);

        Assert.Equal("\uFEFFsequence,at,actor,action,subject,result,targets,communes,detail\r\n", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
