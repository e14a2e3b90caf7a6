using System.Text;
using Microsoft.Data.Sqlite;

namespace Broadcast.Audit.Storage;

/// <summary>Builds the SELECT for an <see cref="AuditQuery"/>: only the filters given, every value a parameter.</summary>
internal static class AuditQuerySql
{
    public static void Prepare(SqliteCommand cmd, AuditQuery query)
    {
        var sql = new StringBuilder($"SELECT {AuditRows.Columns} FROM audit_entry WHERE seq > $after");
        cmd.Parameters.AddWithValue("$after", query.AfterSequence);
        if (query.From is { } from)
        {
            // at_utc is fixed-width UTC text, so comparing text compares instants.
            sql.Append(" AND at_utc >= $from");
            cmd.Parameters.AddWithValue("$from", AuditColumns.FormatAt(from));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND at_utc < $to");
            cmd.Parameters.AddWithValue("$to", AuditColumns.FormatAt(to));
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            if (action.EndsWith(".*", StringComparison.Ordinal))
            {
                // "broadcast.*" selects every broadcast action.
                sql.Append(" AND substr(action, 1, $prefixLength) = $prefix COLLATE NOCASE");
                cmd.Parameters.AddWithValue("$prefix", action[..^1]);
                cmd.Parameters.AddWithValue("$prefixLength", action.Length - 1);
            }
            else
            {
                sql.Append(" AND action = $action COLLATE NOCASE");
                cmd.Parameters.AddWithValue("$action", action);
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Commune))
        {
            sql.Append(" AND instr(commune_keys, $commune) > 0");
            cmd.Parameters.AddWithValue("$commune", AuditColumns.CommuneNeedle(query.Commune));
        }

        sql.Append(" ORDER BY seq LIMIT $limit");
        cmd.Parameters.AddWithValue("$limit", query.Limit);
        cmd.CommandText = sql.ToString();
    }
}
