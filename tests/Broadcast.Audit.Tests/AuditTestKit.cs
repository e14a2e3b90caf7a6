using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Broadcast.Audit.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Audit.Tests;

/// <summary>Shared setup of the audit tests, and an independent implementation of the documented hash chain.</summary>
internal static class AuditTestKit
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 1, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Start);

    public static AuditEvent Event(string action = AuditActions.BroadcastStart, string subject = "42", string[]? communes = null, string? detail = null, string actor = AuditActors.Local) =>
        new(actor, action, subject, "ok", ["commune:Trịnh Tường"], communes ?? ["Trịnh Tường"], detail);

    /// <summary>A connection of its own to the trail's file, as a SQLite tool would open it.</summary>
    public static SqliteConnection Raw(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    public static int Exec(SqliteConnection c, string sql, params (string Name, object Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public static void DropTriggers(SqliteConnection c)
    {
        Exec(c, "DROP TRIGGER audit_entry_no_update");
        Exec(c, "DROP TRIGGER audit_entry_no_delete");
        Exec(c, "DROP TRIGGER audit_entry_append_only");
    }

    /// <summary>
    /// SHA-256(previous || "bcast-audit-v1" || seq as int64 BE || fields as int32 BE length + UTF-8, lists as int32
    /// count + items, detail as a presence byte + string), written from the format described in docs/audit.md.
    /// </summary>
    public static byte[] ChainHash(byte[] previous, long seq, string atUtc, string actor, string action, string subject, string result, string[] targets, string[] communes, string? detail)
    {
        var bytes = new List<byte>(previous);
        bytes.AddRange("bcast-audit-v1"u8.ToArray());
        var seqBytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(seqBytes, seq);
        bytes.AddRange(seqBytes);
        foreach (var s in new[] { atUtc, actor, action, subject, result })
        {
            AddString(bytes, s);
        }

        foreach (var list in new[] { targets, communes })
        {
            var count = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(count, list.Length);
            bytes.AddRange(count);
            foreach (var item in list)
            {
                AddString(bytes, item);
            }
        }

        bytes.Add(detail is null ? (byte)0 : (byte)1);
        if (detail is not null)
        {
            AddString(bytes, detail);
        }

        return SHA256.HashData(bytes.ToArray());
    }

    public static SqliteAuditTrail Open(string path, TimeProvider time) => new(path, time);

    private static void AddString(List<byte> bytes, string s)
    {
        var utf8 = Encoding.UTF8.GetBytes(s);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, utf8.Length);
        bytes.AddRange(length);
        bytes.AddRange(utf8);
    }
}
