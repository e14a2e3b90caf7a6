using Microsoft.Extensions.Logging;

namespace Broadcast.Library;

/// <summary>Every log line of the programme library, source-generated, with stable event ids.</summary>
internal static partial class LibraryLog
{
    [LoggerMessage(1, LogLevel.Information, "Programme library at {Directory}: {Count} programmes", EventName = "LibraryOpened")]
    public static partial void LibraryOpened(ILogger logger, string directory, int count);

    [LoggerMessage(2, LogLevel.Warning, "Removed {Count} unfinished uploads left in {Directory} by an earlier run", EventName = "StaleIncomingRemoved")]
    public static partial void StaleIncomingRemoved(ILogger logger, int count, string directory);

    [LoggerMessage(3, LogLevel.Information, "Programme {Id} '{Title}' ({Category}) stored: {Duration:0.0} s, {Lufs} LUFS, from {FileName} by {Actor}", EventName = "ProgrammeStored")]
    public static partial void ProgrammeStored(ILogger logger, string id, string title, string category, double duration, string lufs, string fileName, string actor);

    [LoggerMessage(4, LogLevel.Information, "Upload {FileName} by {Actor} is identical to programme {Id}; not stored again", EventName = "DuplicateUpload")]
    public static partial void DuplicateUpload(ILogger logger, string fileName, string actor, string id);

    [LoggerMessage(5, LogLevel.Warning, "Upload {Subject} by {Actor} refused ({Refusal}): {Reason}", EventName = "UploadRefused")]
    public static partial void UploadRefused(ILogger logger, string subject, string actor, string refusal, string reason);

    [LoggerMessage(6, LogLevel.Information, "Programme {Id} '{Title}' deleted by {Actor}", EventName = "ProgrammeDeleted")]
    public static partial void ProgrammeDeleted(ILogger logger, string id, string title, string actor);

    [LoggerMessage(7, LogLevel.Warning, "Deleting programme {Id} refused: {Usage}", EventName = "DeleteRefused")]
    public static partial void DeleteRefused(ILogger logger, string id, string usage);

    [LoggerMessage(8, LogLevel.Error, "Could not write the audit entry for {Action} {Subject} ({Result})", EventName = "AuditFailed")]
    public static partial void AuditFailed(ILogger logger, Exception exception, string action, string subject, string result);

    [LoggerMessage(9, LogLevel.Warning, "Could not delete {Path}: {Error}", EventName = "CleanupFailed")]
    public static partial void CleanupFailed(ILogger logger, string path, string error);

    [LoggerMessage(10, LogLevel.Warning, "Programme {Id} '{Title}' is silence: stored at its own level, not amplified", EventName = "SilentProgramme")]
    public static partial void SilentProgramme(ILogger logger, string id, string title);

    [LoggerMessage(11, LogLevel.Information, "{Action} {Id} by {Actor}: {Detail}", EventName = "BulletinStep")]
    public static partial void BulletinStep(ILogger logger, string action, string id, string actor, string detail);

    [LoggerMessage(12, LogLevel.Warning, "{Action} {Id} by {Actor} refused: {Reason}", EventName = "BulletinRefused")]
    public static partial void BulletinRefused(ILogger logger, string action, string id, string actor, string reason);

    [LoggerMessage(13, LogLevel.Warning, "Upgraded the library database: {Detail}", EventName = "LibraryMigrated")]
    public static partial void LibraryMigrated(ILogger logger, string detail);

    [LoggerMessage(14, LogLevel.Warning, "Programme {Id} was used by emergency {Broadcast} of {Actor} before approval: flagged for review", EventName = "EmergencyUseFlagged")]
    public static partial void EmergencyUseFlagged(ILogger logger, string id, string broadcast, string actor);

    [LoggerMessage(15, LogLevel.Information, "Text-to-speech ({Voice}, {Characters} characters) took {Milliseconds} ms", EventName = "SpeechRendered")]
    public static partial void SpeechRendered(ILogger logger, string voice, int characters, long milliseconds);
}
