using Broadcast.Monitoring.Alerts;

namespace Broadcast.Monitoring.Book;

/// <summary>What makes an alert the same alert: at most one is active per key, whatever the number of polls.</summary>
internal readonly record struct AlertKey(AlertKind Kind, string Subject);
