using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Storage;
using Broadcast.Tests.Common;
using Microsoft.Data.Sqlite;

namespace Broadcast.Monitoring.Tests;

public sealed class AlertStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly Observation Offline = new(AlertKind.EndpointOffline, "BX-TT-02", "Trịnh Tường", AlertSeverity.Critical, "offline", 0, Holds: true);

    [Fact]
    public void Open_FileIsNotADatabase_TypedErrorNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("alerts.db");
        File.WriteAllText(path, "this is a text file, not SQLite; it is long enough to have a header that SQLite reads");

        var ex = Assert.Throws<AlertStoreException>(() => new AlertStore(path));

        Assert.Equal(path, ex.DatabasePath);
        Assert.Contains("is not a SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DatabaseOfSomethingElse_Refused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("alerts.db");
        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using var cmd = other.CreateCommand();
            cmd.CommandText = "CREATE TABLE audit_entry (seq INTEGER)";
            cmd.ExecuteNonQuery();
        }

        var ex = Assert.Throws<AlertStoreException>(() => new AlertStore(path));

        Assert.Contains("no 'alert' table", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_Throws_NothingOfItRemainsInMemoryOrOnDisk()
    {
        using var dir = new TempDirectory();
        var path = dir.File("alerts.db");
        using (var book = new AlertBook(new AlertStore(path)))
        {
            Assert.Throws<InvalidOperationException>(() => book.Change<int>(Now, c =>
            {
                c.Apply(Offline);
                throw new InvalidOperationException("disk full, say");
            }));

            Assert.Empty(book.Active());
        }

        using var reopened = new AlertBook(new AlertStore(path));
        Assert.Empty(reopened.List(AlertStateFilter.All, null, 100));
    }

    [Fact]
    public void Insert_SecondActiveAlertForTheSameKey_RefusedByTheDatabaseItself()
    {
        using var dir = new TempDirectory();
        using var store = new AlertStore(dir.File("alerts.db"));
        store.Insert(Record());

        var ex = Assert.Throws<SqliteException>(() => store.Insert(Record()));

        Assert.Contains("UNIQUE", ex.Message, StringComparison.Ordinal);
    }

    private static AlertRecord Record() => new()
    {
        Kind = AlertKind.EndpointOffline,
        Severity = AlertSeverity.Critical,
        Subject = "BX-TT-02",
        Message = "offline",
        RaisedAt = Now,
        LastSeenAt = Now,
        Count = 1,
        State = AlertState.Open,
    };
}
