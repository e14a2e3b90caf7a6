using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Broadcast.Audit.Storage;

/// <summary>
/// The audit trail in one SQLite file. WAL with <c>synchronous=FULL</c>: an append is on disk (fsync of the WAL)
/// before <see cref="Append"/> returns, so it survives kill -9 and power loss. Triggers in the file refuse UPDATE and
/// DELETE; a SHA-256 chain over the entries shows edits made after dropping them (<see cref="Verify"/>).
/// Thread-safe: one connection behind a lock. Appends that arrive while another is being synced are committed
/// together in the next transaction (group commit), so concurrent callers share one fsync instead of queueing for one
/// each.
/// </summary>
public sealed class SqliteAuditTrail : IAuditTrail, IAuditVerifier, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _queueGate = new();
    private readonly List<PendingAppend> _queue = [];
    private readonly ILogger _logger;
    private readonly TimeSpan _busyTimeout;
    private readonly SqliteConnection _connection;
    private readonly AuditBatchWriter _writer;
    private bool _disposed;

    /// <summary>Opens (creating when missing) the trail at <paramref name="path"/>.</summary>
    /// <exception cref="AuditStoreException">The file cannot be created or opened, or is not an audit trail.</exception>
    public SqliteAuditTrail(string path, TimeProvider timeProvider, ILogger<SqliteAuditTrail>? logger = null, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Path = System.IO.Path.GetFullPath(path);
        _logger = logger ?? NullLogger<SqliteAuditTrail>.Instance;
        _busyTimeout = busyTimeout ?? TimeSpan.FromSeconds(5);
        _connection = AuditConnection.Open(Path, SqliteOpenMode.ReadWriteCreate, _busyTimeout);
        try
        {
            AuditSchema.Ensure(_connection, Path, _logger);
        }
        catch (SqliteException ex)
        {
            _connection.Dispose();
            throw new AuditStoreException(Path, $"cannot set up the audit table: {ex.Message}", ex);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        _writer = new AuditBatchWriter(_connection, timeProvider);
        AuditStoreLog.Opened(_logger, Path, LastSequence);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The sequence number of the last entry; 0 while the trail is empty.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                using var cmd = _connection.CreateCommand();
                cmd.CommandText = "SELECT coalesce(max(seq), 0) FROM audit_entry";
                return (long)cmd.ExecuteScalar()!;
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Actor, action or result is blank, subject is null, or a list holds a null.</exception>
    /// <exception cref="AuditStoreException">The file cannot be written (disk full, read-only, locked too long).</exception>
    public AuditEntry Append(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        Validate(auditEvent);
        var pending = new PendingAppend(auditEvent);
        lock (_queueGate)
        {
            _queue.Add(pending);
        }

        lock (_gate)
        {
            // While this thread waited for the lock, the previous holder may have committed this append in its batch.
            if (!pending.Done)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                WriteQueued();
            }
        }

        return pending.Entry ?? throw pending.Error!;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">Limit below 1 or AfterSequence below 0.</exception>
    /// <exception cref="AuditStoreException">The file cannot be read, or an entry was edited into something unreadable.</exception>
    public IReadOnlyList<AuditEntry> Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query.Limit));
        ArgumentOutOfRangeException.ThrowIfNegative(query.AfterSequence, nameof(query.AfterSequence));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var cmd = _connection.CreateCommand();
                AuditQuerySql.Prepare(cmd, query);
                var entries = new List<AuditEntry>();
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    var entry = AuditRows.TryRead(reader, out var problem)
                        ?? throw new AuditStoreException(Path, $"{problem}; the file was changed outside the controller, run GET /api/audit/verify");
                    entries.Add(entry.ToEntry());
                }

                return entries;
            }
            catch (SqliteException ex)
            {
                throw new AuditStoreException(Path, $"cannot read the audit trail: {ex.Message}", ex);
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="AuditStoreException">The file cannot be read.</exception>
    public AuditVerification Verify()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
        }

        AuditVerification result;
        try
        {
            // A connection of its own: appends go on while a long trail is checked.
            using var reader = AuditConnection.Open(Path, SqliteOpenMode.ReadOnly, _busyTimeout);
            result = AuditChainVerifier.Verify(reader);
        }
        catch (SqliteException ex)
        {
            throw new AuditStoreException(Path, $"cannot read the audit trail to verify it: {ex.Message}", ex);
        }

        if (result.Intact)
        {
            AuditStoreLog.Verified(_logger, Path, result.EntriesChecked, result.HeadHash);
        }
        else
        {
            AuditStoreLog.ChainBroken(_logger, Path, result.FirstBrokenSequence, result.Problem ?? string.Empty);
        }

        return result;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>Reads a pragma on the trail's own connection (tests check journal mode and synchronous level).</summary>
    internal string? ReadPragma(string name)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return AuditConnection.Pragma(_connection, name);
        }
    }

    /// <summary>Transactions committed by this instance (tests check that concurrent appends share one).</summary>
    internal long Commits { get; private set; }

    /// <summary>Appends waiting for the writer.</summary>
    internal int QueuedCount
    {
        get
        {
            lock (_queueGate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> holding the writer's lock, as a long append would (tests only).</summary>
    internal void RunUnderWriterLock(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    private void WriteQueued()
    {
        List<PendingAppend> batch;
        lock (_queueGate)
        {
            batch = [.. _queue];
            _queue.Clear();
        }

        try
        {
            var entries = _writer.Write(batch);
            Commits++;
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Entry = entries[i];
            }
        }
        catch (SqliteException ex)
        {
            var error = new AuditStoreException(Path, $"cannot append to the audit trail: {ex.Message}; check free disk space and that the file is writable", ex);
            batch.ForEach(p => p.Error = error);
        }
        finally
        {
            // Anything else escapes to this thread's caller; the others of its batch must not wait for a write that
            // will not come.
            foreach (var p in batch.Where(p => !p.Done))
            {
                p.Error = new AuditStoreException(Path, "the audit append failed together with another append of its batch; see the log of that caller");
            }
        }
    }

    private static void Validate(AuditEvent auditEvent)
    {
        var blank = string.IsNullOrWhiteSpace(auditEvent.Actor) ? "actor"
            : string.IsNullOrWhiteSpace(auditEvent.Action) ? "action"
            : string.IsNullOrWhiteSpace(auditEvent.Result) ? "result"
            : auditEvent.Subject is null ? "subject"
            : null;
        if (blank is not null)
        {
            throw new ArgumentException($"an audit entry needs a {blank} (the subject may be empty, the others not blank)", nameof(auditEvent));
        }

        if (auditEvent.Targets?.Any(t => t is null) == true || auditEvent.Communes?.Any(c => c is null) == true)
        {
            throw new ArgumentException($"audit entry {auditEvent.Action} {auditEvent.Subject}: targets and communes cannot hold null", nameof(auditEvent));
        }
    }
}
