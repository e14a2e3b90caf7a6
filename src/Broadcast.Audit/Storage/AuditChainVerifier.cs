using Microsoft.Data.Sqlite;

namespace Broadcast.Audit.Storage;

/// <summary>
/// Recomputes the hash chain over every entry on a connection of its own, inside one read transaction: it sees one
/// consistent snapshot, and appends on the trail's connection go on meanwhile (WAL lets a reader and a writer overlap).
/// </summary>
internal static class AuditChainVerifier
{
    public static AuditVerification Verify(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction(deferred: true);
        var triggers = AuditSchema.TriggersPresent(connection, tx);
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT {AuditRows.Columns} FROM audit_entry ORDER BY seq";
        using var hasher = new AuditChainHasher();
        var previous = AuditChainHasher.Genesis.ToArray();
        long expected = 1;
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var problem = Check(reader, hasher, previous, expected, out var hash);
            if (problem is not null)
            {
                var last = LastSequence(connection, tx);
                return new AuditVerification(false, expected - 1, expected, problem, last, Convert.ToHexStringLower(previous), triggers);
            }

            previous = hash!;
            expected++;
        }

        var count = expected - 1;
        return triggers
            ? new AuditVerification(true, count, null, null, count, Convert.ToHexStringLower(previous), true)
            : new AuditVerification(false, count, null, "the triggers that refuse UPDATE and DELETE are missing or altered: the file was changed outside the controller (the entries themselves still chain correctly)", count, Convert.ToHexStringLower(previous), false);
    }

    private static string? Check(SqliteDataReader reader, AuditChainHasher hasher, byte[] previous, long expected, out byte[]? hash)
    {
        hash = null;
        var seq = reader.GetInt64(0);
        if (seq != expected)
        {
            return seq > expected
                ? $"entry {expected} is missing (the next entry is {seq}): entries were removed"
                : $"entry {seq} appears out of order";
        }

        var entry = AuditRows.TryRead(reader, out var unreadable);
        if (entry is null)
        {
            return unreadable;
        }

        var stored = AuditRows.Hash(reader);
        var computed = hasher.Next(previous, entry);
        if (!computed.AsSpan().SequenceEqual(stored))
        {
            return $"entry {seq} does not match its hash: it was edited, replaced, or an entry before it was removed and the rest renumbered";
        }

        if (!string.Equals(AuditRows.CommuneKeys(reader), AuditColumns.CommuneKeys(entry.Communes), StringComparison.Ordinal))
        {
            return $"entry {seq}: its commune search column was edited (it no longer matches the entry's communes), which would hide it from a commune's view";
        }

        hash = stored;
        return null;
    }

    private static long LastSequence(SqliteConnection connection, SqliteTransaction tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT coalesce(max(seq), 0) FROM audit_entry";
        return (long)cmd.ExecuteScalar()!;
    }
}
