using Microsoft.Extensions.Logging;

namespace Broadcast.Controller.Tests;

/// <summary>Keeps every log entry with its event, level, message and structured values.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<Entry> Named(string eventName) => [.. Entries.Where(e => e.EventName == eventName)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
            ? pairs.Where(p => p.Key != "{OriginalFormat}").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : [];
        lock (_entries)
        {
            _entries.Add(new Entry(eventId.Name, logLevel, formatter(state, exception), values));
        }
    }

    internal sealed record Entry(string? EventName, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);
}
