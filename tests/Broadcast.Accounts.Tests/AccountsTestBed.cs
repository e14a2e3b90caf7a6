using Broadcast.Accounts.Hosting;
using Broadcast.Accounts.Login;
using Broadcast.Accounts.Management;
using Broadcast.Accounts.Passwords;
using Broadcast.Accounts.Scope;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Storage;
using Broadcast.Audit;
using Broadcast.Controller.Topology;
using Broadcast.Tests.Common;
using Broadcast.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Accounts.Tests;

/// <summary>The accounts services over a fresh accounts.db in a temp folder, a fake clock and a recording audit trail.</summary>
internal sealed class AccountsTestBed : IDisposable
{
    private static readonly Lazy<TopologyIndex> BatXat = new(() => new TopologyIndex(TopologyLoader.Load(RepoPaths.BatXatTopology), RepoPaths.BatXatTopology));

    private readonly TempDirectory _dir = new();

    public AccountsTestBed(AccountsOptions? options = null)
    {
        Options = options ?? new AccountsOptions();
        var wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        Database = new AccountsDatabase(_dir.File(AccountsDatabase.FileName));
        Users = new UserStore(Database);
        Sessions = new SessionStore(Database);
        var services = new ServiceCollection().AddSingleton<IAuditTrail>(Audit).BuildServiceProvider();
        var audit = new AccountsAudit(services);
        SessionService = new SessionService(Sessions, Users, wrapped, Clock);
        Login = new LoginService(Users, SessionService, Hasher, wrapped, Clock, audit, NullLogger<LoginService>.Instance);
        Manager = new AccountManager(Users, SessionService, Hasher, Topology, wrapped, Clock, audit);
        Seeder = new FirstAdminSeeder(Users, Hasher, wrapped, Clock, audit, Log);
    }

    public static TopologyIndex Topology => BatXat.Value;

    public AccountsOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 5, 30, 0, TimeSpan.FromHours(7)));

    public RecordingAuditTrail Audit { get; } = new();

    public ListLogger<FirstAdminSeeder> Log { get; } = new();

    public AccountsDatabase Database { get; }

    public UserStore Users { get; }

    public SessionStore Sessions { get; }

    // Shared: the hasher's decoy hash is computed once.
    public AccountPasswordHasher Hasher { get; } = new();

    public SessionService SessionService { get; }

    public LoginService Login { get; }

    public AccountManager Manager { get; }

    public FirstAdminSeeder Seeder { get; }

    public TargetScopeChecker Scope { get; } = new(BatXat.Value);

    public string DataDir => _dir.Path;

    /// <summary>Creates a user with a known password that need not be changed.</summary>
    public Users.UserAccount CreateUser(string name, string password, AccountSpec spec)
    {
        var outcome = Manager.Create("test", name, password, spec);
        Assert.True(outcome.Status == ManageStatus.Ok, outcome.Message);
        var user = outcome.User! with { MustChangePassword = false };
        Users.Update(user);
        return user;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

/// <summary>Keeps what the accounts write to the audit trail.</summary>
internal sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly List<AuditEntry> _entries = [];

    public IReadOnlyList<AuditEntry> Entries => _entries;

    public AuditEntry Append(AuditEvent auditEvent)
    {
        var entry = new AuditEntry(_entries.Count + 1, default, auditEvent.Actor, auditEvent.Action, auditEvent.Subject, auditEvent.Result, auditEvent.Targets ?? [], auditEvent.Communes ?? [], auditEvent.Detail);
        _entries.Add(entry);
        return entry;
    }

    public IReadOnlyList<AuditEntry> Query(AuditQuery query) => _entries;
}

/// <summary>A logger that keeps the formatted messages.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Add((logLevel, formatter(state, exception)));
}
