using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Storage;

namespace Broadcast.Monitoring.Book;

/// <summary>
/// The alerts: the active ones in memory, every one in <see cref="AlertStore"/>. One lock serialises the monitor's
/// polls and the API's acknowledgements and reads; every change runs in one transaction through
/// <see cref="Change{T}"/>, so memory and file agree after a failure too (memory is reloaded from the file).
/// </summary>
internal sealed class AlertBook : IDisposable
{
    private readonly Lock _gate = new();
    private readonly AlertStore _store;
    private readonly Dictionary<AlertKey, AlertRecord> _active = [];

    /// <exception cref="AlertStoreException">The database cannot be opened or read.</exception>
    public AlertBook(AlertStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        Reload();
    }

    public string Path => _store.Path;

    /// <summary>Runs <paramref name="change"/> in one transaction; on any exception nothing of it remains, in memory or on disk.</summary>
    public T Change<T>(DateTimeOffset now, Func<AlertChanges, T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            _store.Begin();
            try
            {
                var changes = new AlertChanges(_store, _active, now);
                var result = change(changes);
                changes.SaveDirty();
                _store.Commit();
                return result;
            }
            catch
            {
                _store.Rollback();
                Reload();
                throw;
            }
        }
    }

    /// <summary>The saved position of a reader of another log (the audit trail), or null before its first read.</summary>
    public long? Cursor(string name)
    {
        lock (_gate)
        {
            return _store.GetCursor(name);
        }
    }

    /// <summary>Copies of the active alerts (groups included).</summary>
    public IReadOnlyList<AlertView> Active()
    {
        lock (_gate)
        {
            return [.. _active.Values.OrderBy(a => a.Id).Select(a => a.ToView())];
        }
    }

    public IReadOnlyList<AlertView> List(AlertStateFilter state, string? commune, int limit)
    {
        lock (_gate)
        {
            return [.. _store.ListTop(state, commune, limit).Select(WithMembers)];
        }
    }

    public AlertView? Find(long id)
    {
        lock (_gate)
        {
            return _store.Get(id) is { } record ? WithMembers(record) : null;
        }
    }

    public void Dispose() => _store.Dispose();

    private AlertView WithMembers(AlertRecord record) =>
        record.ToView(record.IsGroup ? [.. _store.Members(record.Id).Select(m => m.ToView())] : null);

    private void Reload()
    {
        _active.Clear();
        foreach (var record in _store.LoadActive())
        {
            _active[record.Key] = record;
        }
    }
}
