using Broadcast.Accounts.Sessions;
using Microsoft.Data.Sqlite;

namespace Broadcast.Accounts.Storage;

/// <summary>The <c>sessions</c> table, keyed by the token's SHA-256. Deleting a row ends the session at once.</summary>
internal sealed class SessionStore(AccountsDatabase database)
{
    public void Insert(StoredSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Execute(
            "INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, expires_at, last_used_at) VALUES ($hash, $user, $kind, $csrf, $created, $expires, $used)",
            c =>
            {
                c.Parameters.AddWithValue("$hash", session.TokenHash);
                c.Parameters.AddWithValue("$user", session.UserId);
                c.Parameters.AddWithValue("$kind", session.Kind.ToString());
                c.Parameters.AddWithValue("$csrf", (object?)session.Csrf ?? DBNull.Value);
                c.Parameters.AddWithValue("$created", session.CreatedAt.ToUnixTimeMilliseconds());
                c.Parameters.AddWithValue("$expires", session.ExpiresAt.ToUnixTimeMilliseconds());
                c.Parameters.AddWithValue("$used", session.LastUsedAt.ToUnixTimeMilliseconds());
            });
    }

    public StoredSession? Find(byte[] tokenHash)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_hash, user_id, kind, csrf, created_at, expires_at, last_used_at FROM sessions WHERE token_hash = $hash";
        command.Parameters.AddWithValue("$hash", tokenHash);
        using var r = command.ExecuteReader();
        return r.Read()
            ? new StoredSession(
                (byte[])r.GetValue(0), r.GetInt64(1), Enum.Parse<SessionKind>(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3),
                FromMs(r.GetInt64(4)), FromMs(r.GetInt64(5)), FromMs(r.GetInt64(6)))
            : null;
    }

    /// <summary>Slides a session: new expiry and last use.</summary>
    public void Touch(byte[] tokenHash, DateTimeOffset expiresAt, DateTimeOffset usedAt) =>
        Execute("UPDATE sessions SET expires_at = $expires, last_used_at = $used WHERE token_hash = $hash", c =>
        {
            c.Parameters.AddWithValue("$hash", tokenHash);
            c.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
            c.Parameters.AddWithValue("$used", usedAt.ToUnixTimeMilliseconds());
        });

    public bool Delete(byte[] tokenHash) =>
        Execute("DELETE FROM sessions WHERE token_hash = $hash", c => c.Parameters.AddWithValue("$hash", tokenHash)) > 0;

    /// <summary>Ends every session of a user, except <paramref name="keep"/> (the caller's own, after a password change).</summary>
    public int DeleteForUser(long userId, byte[]? keep = null) =>
        Execute("DELETE FROM sessions WHERE user_id = $user AND ($keep IS NULL OR token_hash <> $keep)", c =>
        {
            c.Parameters.AddWithValue("$user", userId);
            c.Parameters.AddWithValue("$keep", (object?)keep ?? DBNull.Value);
        });

    public int DeleteExpired(DateTimeOffset now) =>
        Execute("DELETE FROM sessions WHERE expires_at <= $now", c => c.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds()));

    public int CountForUser(long userId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sessions WHERE user_id = $user";
        command.Parameters.AddWithValue("$user", userId);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private int Execute(string sql, Action<SqliteCommand> bind)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return command.ExecuteNonQuery();
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
