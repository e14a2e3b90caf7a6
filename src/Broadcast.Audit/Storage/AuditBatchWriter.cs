using Microsoft.Data.Sqlite;

namespace Broadcast.Audit.Storage;

/// <summary>
/// Writes a batch of appends in one transaction: one WAL sync for the lot. BEGIN IMMEDIATE takes SQLite's write lock
/// before the last entry is read, so another process appending to the same file cannot fork the chain. Not
/// thread-safe: the trail calls it under its lock.
/// </summary>
internal sealed class AuditBatchWriter(SqliteConnection connection, TimeProvider time) : IDisposable
{
    private const string Insert = """
        INSERT INTO audit_entry (seq, at_utc, actor, action, subject, result, targets, communes, commune_keys, detail, hash)
        VALUES ($seq, $at, $actor, $action, $subject, $result, $targets, $communes, $keys, $detail, $hash)
        """;

    private readonly AuditChainHasher _hasher = new();

    /// <summary>Commits every append of <paramref name="batch"/> in order, or none of them (the exception says why).</summary>
    public IReadOnlyList<AuditEntry> Write(IReadOnlyList<PendingAppend> batch)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        var (sequence, previousHash) = Last(tx);
        var entries = new List<AuditEntry>(batch.Count);
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = Insert;
        foreach (var pending in batch)
        {
            var e = pending.Event;
            // The clock is read inside the write lock so that times follow sequence numbers (unless the system clock
            // itself is stepped back).
            var stored = new StoredEntry(
                ++sequence, AuditColumns.FormatAt(time.GetUtcNow()), e.Actor, e.Action, e.Subject, e.Result, pending.Targets, pending.Communes, e.Detail);
            previousHash = _hasher.Next(previousHash, stored);
            var p = insert.Parameters;
            p.Clear();
            p.AddWithValue("$seq", stored.Sequence);
            p.AddWithValue("$at", stored.AtUtc);
            p.AddWithValue("$actor", stored.Actor);
            p.AddWithValue("$action", stored.Action);
            p.AddWithValue("$subject", stored.Subject);
            p.AddWithValue("$result", stored.Result);
            p.AddWithValue("$targets", AuditColumns.FormatList(pending.Targets));
            p.AddWithValue("$communes", AuditColumns.FormatList(pending.Communes));
            p.AddWithValue("$keys", AuditColumns.CommuneKeys(pending.Communes));
            p.AddWithValue("$detail", (object?)stored.Detail ?? DBNull.Value);
            p.AddWithValue("$hash", previousHash);
            insert.ExecuteNonQuery();
            entries.Add(stored.ToEntry());
        }

        tx.Commit();
        return entries;
    }

    public void Dispose() => _hasher.Dispose();

    private (long Sequence, byte[] Hash) Last(SqliteTransaction tx)
    {
        using var last = connection.CreateCommand();
        last.Transaction = tx;
        last.CommandText = "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1";
        using var reader = last.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, AuditChainHasher.Genesis.ToArray());
    }
}
