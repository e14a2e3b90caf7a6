using System.Diagnostics;
using System.Globalization;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Streaming;
using Broadcast.Protocol.Control;

namespace Broadcast.Controller.Broadcasts;

/// <summary>
/// Pause and resume, with the messages the protocol already has (section 11.2): pause sends Stop to the members
/// (they discard their buffers) and the pacer stops sending while the channel's playout clock runs on; resume sends
/// Play with the same playout start, as after a preemption, and the pacer sends again a start lead later. The
/// broadcast keeps its claims while paused: nothing of equal or lower priority takes its endpoints.
/// </summary>
internal sealed partial class BroadcastManager
{
    /// <summary>Pauses broadcast <paramref name="id"/>; null when no such broadcast runs. Pausing a paused one changes nothing.</summary>
    public BroadcastInfo? Pause(long id)
    {
        lock (_gate)
        {
            if (!_active.TryGetValue(id, out var broadcast))
            {
                return null;
            }

            if (broadcast.Paused)
            {
                return broadcast.ToInfo();
            }

            var pacer = broadcast.Pacer!;
            pacer.Pause();

            // What the speakers play right now is what was sent a playout delay ago; a recorded programme resumes from
            // there, not from the last frame sent, which the endpoints drop with their buffers.
            var heard = pacer.FrameAt(Stopwatch.GetTimestamp()) - FramesIn(options.Value.PlayoutDelay);
            broadcast.Source.OnPause(heard);
            broadcast.Paused = true;
            foreach (var member in pacer.Members)
            {
                SendCommand(broadcast, member.Endpoint, CommandKind.Stop);
            }

            var info = broadcast.ToInfo();
            ControllerLog.BroadcastPaused(logger, id, Position(info), pacer.Members.Count);
            return info;
        }
    }

    /// <summary>Resumes broadcast <paramref name="id"/>; null when no such broadcast runs. Resuming a playing one changes nothing.</summary>
    public BroadcastInfo? Resume(long id)
    {
        lock (_gate)
        {
            if (!_active.TryGetValue(id, out var broadcast))
            {
                return null;
            }

            if (!broadcast.Paused)
            {
                return broadcast.ToInfo();
            }

            // Play goes out now over MQTT; the first frame a start lead later, so it finds the endpoints playing.
            var pacer = broadcast.Pacer!;
            var first = pacer.Frame + FramesIn(options.Value.StartLead) + 1;
            broadcast.Source.OnResume(first);
            broadcast.Paused = false;
            foreach (var member in pacer.Members)
            {
                SendCommand(broadcast, member.Endpoint, CommandKind.Play);
            }

            pacer.ResumeAt(first);
            var info = broadcast.ToInfo();
            ControllerLog.BroadcastResumed(logger, id, Position(info), pacer.Members.Count);
            return info;
        }
    }

    private static long FramesIn(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds / PacerSchedule.FrameMilliseconds);

    private static string Position(BroadcastInfo info) =>
        info.PositionSeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.00} s of {info.DurationSeconds:0.00} s") : "the live input";
}
