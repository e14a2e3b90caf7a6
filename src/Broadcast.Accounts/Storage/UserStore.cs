using System.Globalization;
using Broadcast.Accounts.Users;
using Microsoft.Data.Sqlite;

namespace Broadcast.Accounts.Storage;

/// <summary>
/// The <c>users</c> table. Writes are serialised by one lock (the controller is the only writer), so a
/// read-modify-write such as counting a failed login cannot lose an update.
/// </summary>
internal sealed class UserStore(AccountsDatabase database)
{
    private const string Columns = "id, name, display_name, password_hash, roles, communes, approver_scope, emergency, disabled, must_change, failed_logins, locked_until, created_at, last_login_at";

    private readonly Lock _write = new();

    public string Path => database.Path;

    /// <summary>Held around read-modify-write sequences of callers (login counting, last-admin checks).</summary>
    public Lock WriteLock => _write;

    public int Count()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM users";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public UserAccount? FindByName(string name) => QueryOne("name = $key", UserNames.Normalize(name));

    public UserAccount? FindById(long id) => QueryOne("id = $key", id);

    public IReadOnlyList<UserAccount> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users ORDER BY name";
        using var reader = command.ExecuteReader();
        var users = new List<UserAccount>();
        while (reader.Read())
        {
            users.Add(Read(reader));
        }

        return users;
    }

    /// <summary>Stores a new user (its <see cref="UserAccount.Id"/> is ignored); null when the name is taken.</summary>
    public UserAccount? Insert(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_write)
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO users (name, display_name, password_hash, roles, communes, approver_scope, emergency, disabled, must_change, failed_logins, locked_until, created_at, last_login_at)
                VALUES ($name, $display, $hash, $roles, $communes, $scope, $emergency, $disabled, $must, $failed, $locked, $created, $last)
                RETURNING {Columns}
                """;
            Bind(command, user);
            try
            {
                using var reader = command.ExecuteReader();
                return reader.Read() ? Read(reader) : null;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                // SQLITE_CONSTRAINT: the unique name.
                return null;
            }
        }
    }

    /// <summary>Writes every field of an existing user (matched by id).</summary>
    public void Update(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_write)
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE users SET name = $name, display_name = $display, password_hash = $hash, roles = $roles, communes = $communes,
                    approver_scope = $scope, emergency = $emergency, disabled = $disabled, must_change = $must, failed_logins = $failed,
                    locked_until = $locked, created_at = $created, last_login_at = $last
                WHERE id = $id
                """;
            Bind(command, user);
            command.Parameters.AddWithValue("$id", user.Id);
            if (command.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"user {user.Name} (id {user.Id}) is not in {database.Path}");
            }
        }
    }

    private UserAccount? QueryOne(string where, object key)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE {where}";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static void Bind(SqliteCommand command, UserAccount user)
    {
        command.Parameters.AddWithValue("$name", UserNames.Normalize(user.Name));
        command.Parameters.AddWithValue("$display", user.DisplayName);
        command.Parameters.AddWithValue("$hash", user.PasswordHash);
        command.Parameters.AddWithValue("$roles", string.Join(',', user.Roles.Distinct().Order()));
        command.Parameters.AddWithValue("$communes", string.Join(',', user.Communes));
        command.Parameters.AddWithValue("$scope", user.ApproverScope.ToString());
        command.Parameters.AddWithValue("$emergency", user.EmergencyPermission);
        command.Parameters.AddWithValue("$disabled", user.Disabled);
        command.Parameters.AddWithValue("$must", user.MustChangePassword);
        command.Parameters.AddWithValue("$failed", user.FailedLogins);
        command.Parameters.AddWithValue("$locked", (object?)user.LockedUntil?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", user.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$last", (object?)user.LastLoginAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
    }

    private static UserAccount Read(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        DisplayName = r.GetString(2),
        PasswordHash = r.GetString(3),
        Roles = [.. Split(r.GetString(4)).Select(s => Enum.Parse<Role>(s))],
        Communes = Split(r.GetString(5)),
        ApproverScope = Enum.Parse<ApproverScope>(r.GetString(6)),
        EmergencyPermission = r.GetBoolean(7),
        Disabled = r.GetBoolean(8),
        MustChangePassword = r.GetBoolean(9),
        FailedLogins = r.GetInt32(10),
        LockedUntil = r.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12)),
        LastLoginAt = r.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(13)),
    };

    private static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
