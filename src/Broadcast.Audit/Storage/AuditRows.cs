using Microsoft.Data.Sqlite;

namespace Broadcast.Audit.Storage;

/// <summary>Reads entry rows selected with <see cref="Columns"/>.</summary>
internal static class AuditRows
{
    /// <summary>The columns, in the order <see cref="TryRead"/> expects.</summary>
    public const string Columns = "seq, at_utc, actor, action, subject, result, targets, communes, detail, commune_keys, hash";

    /// <summary>The row as an entry; null with <paramref name="problem"/> when a field was edited into something unreadable.</summary>
    public static StoredEntry? TryRead(SqliteDataReader reader, out string? problem)
    {
        var seq = reader.GetInt64(0);
        var at = reader.GetString(1);
        if (!AuditColumns.TryParseAt(at, out _))
        {
            problem = $"entry {seq} has an unreadable time '{at}'";
            return null;
        }

        var targets = AuditColumns.TryParseList(reader.GetString(6));
        var communes = AuditColumns.TryParseList(reader.GetString(7));
        if (targets is null || communes is null)
        {
            problem = $"entry {seq} has an unreadable {(targets is null ? "targets" : "communes")} list";
            return null;
        }

        problem = null;
        return new StoredEntry(
            seq, at, reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            targets, communes, reader.IsDBNull(8) ? null : reader.GetString(8));
    }

    public static string CommuneKeys(SqliteDataReader reader) => reader.GetString(9);

    public static byte[] Hash(SqliteDataReader reader) => (byte[])reader.GetValue(10);
}
