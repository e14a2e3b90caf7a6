using Microsoft.Extensions.Logging;

namespace Broadcast.Audit.Storage;

/// <summary>Every log line of the audit store, source-generated, with stable event ids.</summary>
internal static partial class AuditStoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Audit trail {Path}: {Entries} entries", EventName = "AuditOpened")]
    public static partial void Opened(ILogger logger, string path, long entries);

    [LoggerMessage(2, LogLevel.Warning, "Audit trail {Path}: the triggers that refuse UPDATE and DELETE were missing, so the file was changed outside the controller; they are restored. Check the entries with GET /api/audit/verify", EventName = "AuditTriggersRestored")]
    public static partial void TriggersRestored(ILogger logger, string path);

    [LoggerMessage(3, LogLevel.Error, "Audit trail {Path} fails verification at sequence {Sequence}: {Problem}", EventName = "AuditChainBroken")]
    public static partial void ChainBroken(ILogger logger, string path, long? sequence, string problem);

    [LoggerMessage(4, LogLevel.Information, "Audit trail {Path} verified: {Entries} entries, head {HeadHash}", EventName = "AuditVerified")]
    public static partial void Verified(ILogger logger, string path, long entries, string headHash);
}
