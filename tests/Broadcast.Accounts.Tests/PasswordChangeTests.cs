using Broadcast.Accounts.Login;
using Broadcast.Accounts.Management;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Users;
using Microsoft.Extensions.Logging;

namespace Broadcast.Accounts.Tests;

public sealed class PasswordChangeTests : IDisposable
{
    private readonly AccountsTestBed _bed = new();

    [Fact]
    public void Seed_NoUser_CreatesAdminWithOneTimePasswordLoggedOnceInABox()
    {
        var password = _bed.Seeder.Seed();

        Assert.NotNull(password);
        var admin = _bed.Users.FindByName("admin")!;
        Assert.True(admin.MustChangePassword);
        Assert.Equal([Role.Admin], admin.Roles);
        Assert.True(admin.EmergencyPermission);
        var warnings = _bed.Log.Messages.Where(m => m.Level == LogLevel.Warning).ToList();
        Assert.Single(warnings);
        Assert.Contains(password, warnings[0].Message);
        Assert.Contains("ONE-TIME", warnings[0].Message);
        Assert.Contains("+---", warnings[0].Message);

        Assert.Null(_bed.Seeder.Seed());
        Assert.Single(_bed.Log.Messages, m => m.Message.Contains(password, StringComparison.Ordinal));
        Assert.Equal(1, _bed.Users.Count());
    }

    [Fact]
    public void Seed_ConfiguredPassword_AdminNeedsNoChange()
    {
        using var bed = new AccountsTestBed(new Hosting.AccountsOptions { InitialAdminPassword = "demo-password-01" });

        Assert.Null(bed.Seeder.Seed());

        Assert.False(bed.Users.FindByName("admin")!.MustChangePassword);
        Assert.Equal(LoginStatus.Ok, bed.Login.Login("admin", "demo-password-01", SessionKind.Bearer, "a").Status);
        Assert.DoesNotContain(bed.Log.Messages, m => m.Message.Contains("demo-password-01", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangePassword_MustChangeFlow_ClearsTheFlagAndEndsOtherSessions()
    {
        var oneTime = _bed.Seeder.Seed()!;
        var login = _bed.Login.Login("admin", oneTime, SessionKind.Bearer, "a");
        Assert.True(login.User!.MustChangePassword);
        var other = _bed.Login.Login("admin", oneTime, SessionKind.Cookie, "b").Session!;

        var changed = _bed.Login.ChangePassword(login.User.Id, login.Session!.Token, oneTime, "a-better-password", "a");

        Assert.Equal(LoginStatus.Ok, changed.Status);
        Assert.False(_bed.Users.FindByName("admin")!.MustChangePassword);
        Assert.NotNull(_bed.SessionService.Authenticate(login.Session.Token, SessionKind.Bearer).User);
        Assert.Null(_bed.SessionService.Authenticate(other.Token, SessionKind.Cookie).User);
        Assert.Equal(LoginStatus.WrongCredentials, _bed.Login.Login("admin", oneTime, SessionKind.Bearer, "a").Status);
        Assert.Equal(LoginStatus.Ok, _bed.Login.Login("admin", "a-better-password", SessionKind.Bearer, "a").Status);
    }

    [Theory]
    [InlineData("wrong-current", "a-better-password", nameof(LoginStatus.WrongCredentials), "current password is wrong")]
    [InlineData(null, "too-short", nameof(LoginStatus.BadRequest), "at least 10")]
    [InlineData(null, null, nameof(LoginStatus.BadRequest), "newPassword")]
    [InlineData(null, "SAME", nameof(LoginStatus.BadRequest), "differ")]
    public void ChangePassword_Refusals_SayWhy(string? current, string? next, string expected, string message)
    {
        var oneTime = _bed.Seeder.Seed()!;
        var admin = _bed.Users.FindByName("admin")!;

        var outcome = _bed.Login.ChangePassword(admin.Id, null, current ?? oneTime, next == "SAME" ? oneTime : next, "a");

        Assert.Equal(expected, outcome.Status.ToString());
        Assert.Contains(message, outcome.Message);
        Assert.True(_bed.Users.FindByName("admin")!.MustChangePassword);
    }

    [Fact]
    public void ResetPassword_GivesOneTimePasswordMustChangeAndEndsSessions()
    {
        _bed.CreateUser("boss", "boss-password-1", new AccountSpec(Roles: [Role.Admin]));
        var user = _bed.CreateUser("tuan", "tuan-password-1", new AccountSpec(Roles: [Role.Technician]));
        var session = _bed.SessionService.Issue(user, SessionKind.Bearer);

        var reset = _bed.Manager.ResetPassword("boss", "tuan", password: null);

        Assert.Equal(ManageStatus.Ok, reset.Status);
        Assert.NotNull(reset.OneTimePassword);
        Assert.True(reset.User!.MustChangePassword);
        Assert.Null(_bed.SessionService.Authenticate(session.Token, SessionKind.Bearer).User);
        Assert.Equal(LoginStatus.Ok, _bed.Login.Login("tuan", reset.OneTimePassword!, SessionKind.Bearer, "a").Status);
    }

    public void Dispose() => _bed.Dispose();
}
