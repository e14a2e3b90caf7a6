namespace Broadcast.Controller.Streaming;

/// <summary>Callbacks from a pacer thread; implementations must return quickly and never block.</summary>
internal interface IPacerEvents
{
    /// <summary>Time for a SenderReport: frame <paramref name="frame"/> just left, with these sender counts.</summary>
    void OnSenderReport(ChannelPacer pacer, long frame, uint packetCount, uint octetCount);

    /// <summary>The pacer ended: the programme ran out (<paramref name="completed"/>) or it was stopped.</summary>
    void OnFinished(ChannelPacer pacer, bool completed);
}
