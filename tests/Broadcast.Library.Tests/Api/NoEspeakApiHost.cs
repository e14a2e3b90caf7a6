namespace Broadcast.Library.Tests.Api;

/// <summary>The same host with espeak-ng configured where there is none.</summary>
public sealed class NoEspeakApiHost : BulletinApiHost
{
    protected override string SpeechExecutable => "/nonexistent/espeak-ng";
}
