using Broadcast.Protocol.Control;

namespace Broadcast.Server.Tests;

/// <summary>
/// The control messages a <see cref="FakeEndpoint"/> received, opened with its session's control channel, in
/// arrival order: commands, channel keys and Byes, as the firmware would see them.
/// </summary>
internal sealed class ControlInbox(FakeEndpoint endpoint, ControlChannel control)
{
    private readonly List<object> _messages = [];

    /// <summary>Everything received so far, oldest first (a copy).</summary>
    public List<object> Messages
    {
        get
        {
            Drain();
            return [.. _messages];
        }
    }

    public IEnumerable<CommandMessage> Commands => Messages.OfType<CommandMessage>();

    public IEnumerable<ChannelKeyMessage> Keys => Messages.OfType<ChannelKeyMessage>();

    /// <summary>Waits until a message matching <paramref name="match"/> has arrived; returns it.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            // Not FirstOrDefault: the messages are structs, and a default one would look like a match.
            var found = Messages.OfType<T>().Where(match).Take(1).ToList();
            if (found.Count > 0)
            {
                return found[0];
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"no matching {typeof(T).Name} within {timeout}; received: {string.Join(", ", _messages)}");
            await Task.Delay(20);
        }
    }

    private void Drain()
    {
        var plain = new byte[ControlChannel.MaxPlaintextSize];
        while (endpoint.Commands.TryDequeue(out var envelope))
        {
            if (control.TryOpen(envelope, plain, out var length) != ControlOpenStatus.Ok)
            {
                continue;
            }

            var inner = plain.AsSpan(0, length);
            if (CommandMessage.TryRead(inner, out var command, out _))
            {
                _messages.Add(command);
            }
            else if (ByeMessage.TryRead(inner, out var bye, out _))
            {
                _messages.Add(bye);
            }
            else if (ChannelKeyMessage.TryRead(inner, out var key, out _) && key is not null)
            {
                _messages.Add(key);
            }
        }
    }
}
