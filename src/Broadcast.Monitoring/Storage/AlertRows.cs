using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;
using Microsoft.Data.Sqlite;

namespace Broadcast.Monitoring.Storage;

/// <summary>The columns of the <c>alert</c> table and their mapping to <see cref="AlertRecord"/>.</summary>
internal static class AlertRows
{
    public const string Columns =
        "id, kind, severity, subject, commune, message, raised_at, last_seen_at, count, state, ack_by, ack_at, resolved_at, group_id, is_group, notified_at";

    public static AlertRecord Read(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Kind = Enum.Parse<AlertKind>(r.GetString(1)),
        Severity = Enum.Parse<AlertSeverity>(r.GetString(2)),
        Subject = r.GetString(3),
        Commune = r.IsDBNull(4) ? null : r.GetString(4),
        Message = r.GetString(5),
        RaisedAt = AlertTime.Read(r.GetString(6)),
        LastSeenAt = AlertTime.Read(r.GetString(7)),
        Count = r.GetInt32(8),
        State = Enum.Parse<AlertState>(r.GetString(9)),
        AcknowledgedBy = r.IsDBNull(10) ? null : r.GetString(10),
        AcknowledgedAt = r.IsDBNull(11) ? null : AlertTime.Read(r.GetString(11)),
        ResolvedAt = r.IsDBNull(12) ? null : AlertTime.Read(r.GetString(12)),
        GroupId = r.IsDBNull(13) ? null : r.GetInt64(13),
        IsGroup = r.GetInt64(14) != 0,
        NotifiedAt = r.IsDBNull(15) ? null : AlertTime.Read(r.GetString(15)),
    };

    /// <summary>Binds every column but <c>id</c> as <c>$name</c> parameters.</summary>
    public static void Bind(SqliteCommand cmd, AlertRecord a)
    {
        cmd.Parameters.AddWithValue("$kind", a.Kind.ToString());
        cmd.Parameters.AddWithValue("$severity", a.Severity.ToString());
        cmd.Parameters.AddWithValue("$subject", a.Subject);
        cmd.Parameters.AddWithValue("$commune", (object?)a.Commune ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$message", a.Message);
        cmd.Parameters.AddWithValue("$raised", AlertTime.Write(a.RaisedAt));
        cmd.Parameters.AddWithValue("$seen", AlertTime.Write(a.LastSeenAt));
        cmd.Parameters.AddWithValue("$count", a.Count);
        cmd.Parameters.AddWithValue("$state", a.State.ToString());
        cmd.Parameters.AddWithValue("$ackBy", (object?)a.AcknowledgedBy ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$ackAt", AlertTime.WriteOrNull(a.AcknowledgedAt));
        cmd.Parameters.AddWithValue("$resolved", AlertTime.WriteOrNull(a.ResolvedAt));
        cmd.Parameters.AddWithValue("$group", (object?)a.GroupId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$isGroup", a.IsGroup ? 1 : 0);
        cmd.Parameters.AddWithValue("$notified", AlertTime.WriteOrNull(a.NotifiedAt));
    }
}
