using Broadcast.Accounts.Hosting;
using Broadcast.Accounts.Login;
using Broadcast.Accounts.Management;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Users;
using Broadcast.Audit;

namespace Broadcast.Accounts.Tests;

public sealed class LoginTests : IDisposable
{
    private const string Password = "nam-pung-2026!";
    private readonly AccountsTestBed _bed = new();

    public LoginTests() => _bed.CreateUser("lan", Password, new AccountSpec(Roles: [Role.CommuneEditor], Communes: ["y-ty"]));

    [Fact]
    public void Login_RightPassword_IssuesBearerSessionAndRecordsIt()
    {
        var outcome = _bed.Login.Login("Lan", Password, SessionKind.Bearer, "127.0.0.1");

        Assert.Equal(LoginStatus.Ok, outcome.Status);
        Assert.StartsWith("bcast_", outcome.Session!.Token);
        Assert.Null(outcome.Session.Csrf);
        Assert.Equal(_bed.Clock.GetUtcNow() + TimeSpan.FromHours(12), outcome.Session.ExpiresAt);
        Assert.Equal(_bed.Clock.GetUtcNow(), _bed.Users.FindByName("lan")!.LastLoginAt);
        Assert.Contains(_bed.Audit.Entries, e => e.Action == AccountAuditActions.Login && e.Actor == "lan");
    }

    [Fact]
    public void Login_CookieSession_HasCsrfValue()
    {
        var outcome = _bed.Login.Login("lan", Password, SessionKind.Cookie, "127.0.0.1");

        Assert.False(string.IsNullOrEmpty(outcome.Session!.Csrf));
        Assert.NotEqual(outcome.Session.Token, outcome.Session.Csrf);
    }

    [Fact]
    public void Login_UnknownUserAndWrongPassword_GetTheSameAnswer()
    {
        var unknown = _bed.Login.Login("nobody", Password, SessionKind.Bearer, "127.0.0.1");
        var wrong = _bed.Login.Login("lan", "not-the-password", SessionKind.Bearer, "127.0.0.1");

        Assert.Equal(LoginStatus.WrongCredentials, unknown.Status);
        Assert.Equal(LoginStatus.WrongCredentials, wrong.Status);
        Assert.Equal(unknown.Message, wrong.Message);
        Assert.Equal(2, _bed.Audit.Entries.Count(e => e.Action == AccountAuditActions.LoginFailed));
    }

    [Fact]
    public void Login_FiveFailures_LocksEvenTheRightPasswordForFifteenMinutes()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(LoginStatus.WrongCredentials, _bed.Login.Login("lan", "guess-" + i, SessionKind.Bearer, "10.0.0.9").Status);
        }

        var fifth = _bed.Login.Login("lan", "guess-5", SessionKind.Bearer, "10.0.0.9");
        Assert.Equal(LoginStatus.LockedOut, fifth.Status);
        Assert.Equal(_bed.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), fifth.LockedUntil);

        _bed.Clock.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));
        var stillLocked = _bed.Login.Login("lan", Password, SessionKind.Bearer, "127.0.0.1");
        Assert.Equal(LoginStatus.LockedOut, stillLocked.Status);
        Assert.Contains("locked until", stillLocked.Message);
        Assert.Single(_bed.Audit.Entries, e => e.Action == AccountAuditActions.Lockout);

        _bed.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LoginStatus.Ok, _bed.Login.Login("lan", Password, SessionKind.Bearer, "127.0.0.1").Status);
    }

    [Fact]
    public void Login_SuccessBeforeTheFifthFailure_StartsTheCountAgain()
    {
        for (var i = 0; i < 4; i++)
        {
            _bed.Login.Login("lan", "guess-" + i, SessionKind.Bearer, "10.0.0.9");
        }

        Assert.Equal(LoginStatus.Ok, _bed.Login.Login("lan", Password, SessionKind.Bearer, "127.0.0.1").Status);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(LoginStatus.WrongCredentials, _bed.Login.Login("lan", "again-" + i, SessionKind.Bearer, "10.0.0.9").Status);
        }
    }

    [Fact]
    public void Login_ConfiguredLockout_UsesTheConfiguredCountAndPeriod()
    {
        using var bed = new AccountsTestBed(new AccountsOptions { MaxFailedLogins = 2, LockoutPeriod = TimeSpan.FromMinutes(1) });
        bed.CreateUser("minh", Password, new AccountSpec(Roles: [Role.Viewer]));

        Assert.Equal(LoginStatus.WrongCredentials, bed.Login.Login("minh", "x-wrong-1", SessionKind.Bearer, "a").Status);
        var second = bed.Login.Login("minh", "x-wrong-2", SessionKind.Bearer, "a");

        Assert.Equal(LoginStatus.LockedOut, second.Status);
        Assert.Equal(bed.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), second.LockedUntil);
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(LoginStatus.Ok, bed.Login.Login("minh", Password, SessionKind.Bearer, "a").Status);
    }

    [Fact]
    public void Login_DisabledAccount_RefusedAfterTheRightPasswordOnly()
    {
        _bed.CreateUser("boss", "boss-password-1", new AccountSpec(Roles: [Role.Admin]));
        _bed.Manager.SetDisabled("boss", "lan", disabled: true);

        Assert.Equal(LoginStatus.WrongCredentials, _bed.Login.Login("lan", "wrong-password", SessionKind.Bearer, "a").Status);
        var outcome = _bed.Login.Login("lan", Password, SessionKind.Bearer, "a");
        Assert.Equal(LoginStatus.Disabled, outcome.Status);
        Assert.Contains("disabled", outcome.Message);
    }

    [Fact]
    public void Login_MissingFields_BadRequest()
    {
        Assert.Equal(LoginStatus.BadRequest, _bed.Login.Login("lan", null, SessionKind.Bearer, "a").Status);
        Assert.Equal(LoginStatus.BadRequest, _bed.Login.Login(" ", Password, SessionKind.Bearer, "a").Status);
    }

    public void Dispose() => _bed.Dispose();
}
