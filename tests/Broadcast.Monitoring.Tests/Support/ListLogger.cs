using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Broadcast.Monitoring.Tests.Support;

/// <summary>Keeps every log line, for assertions and for failure messages.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _lines.Enqueue($"{logLevel} {eventId.Name}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");
    }
}
