using System.Text;
using Broadcast.Accounts.Management;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Users;

namespace Broadcast.Accounts.Tests;

public sealed class SessionTests : IDisposable
{
    private const string Password = "phin-ngan-radio";
    private readonly AccountsTestBed _bed = new();
    private readonly UserAccount _user;

    public SessionTests() => _user = _bed.CreateUser("hoa", Password, new AccountSpec(Roles: [Role.Viewer]));

    [Fact]
    public void Authenticate_TwelveHoursUnused_Expired()
    {
        var session = _bed.SessionService.Issue(_user, SessionKind.Bearer);

        _bed.Clock.Advance(TimeSpan.FromHours(12));
        var expired = _bed.SessionService.Authenticate(session.Token, SessionKind.Bearer);

        Assert.Null(expired.User);
        Assert.Contains("expired", expired.Failure);
        Assert.Null(_bed.Sessions.Find(SessionTokens.Hash(session.Token)));
    }

    [Fact]
    public void Authenticate_JustBeforeExpiry_Valid()
    {
        var session = _bed.SessionService.Issue(_user, SessionKind.Bearer);

        _bed.Clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));

        Assert.Equal("hoa", _bed.SessionService.Authenticate(session.Token, SessionKind.Bearer).User?.Name);
    }

    [Fact]
    public void Authenticate_UseSlidesTheExpiry()
    {
        var session = _bed.SessionService.Issue(_user, SessionKind.Bearer);

        _bed.Clock.Advance(TimeSpan.FromHours(11));
        Assert.NotNull(_bed.SessionService.Authenticate(session.Token, SessionKind.Bearer).User);
        _bed.Clock.Advance(TimeSpan.FromHours(11));

        var check = _bed.SessionService.Authenticate(session.Token, SessionKind.Bearer);
        Assert.NotNull(check.User);
        Assert.Equal(_bed.Clock.GetUtcNow() + TimeSpan.FromHours(12), check.Session!.ExpiresAt);
    }

    [Fact]
    public void Authenticate_SlidingStopsAtTheMaximumLifetime()
    {
        var session = _bed.SessionService.Issue(_user, SessionKind.Bearer);
        var issuedAt = _bed.Clock.GetUtcNow();

        for (var hour = 0; hour < 7 * 24; hour += 10)
        {
            _bed.Clock.Advance(TimeSpan.FromHours(10));
            if (_bed.Clock.GetUtcNow() < issuedAt + TimeSpan.FromDays(7))
            {
                Assert.NotNull(_bed.SessionService.Authenticate(session.Token, SessionKind.Bearer).User);
            }
        }

        Assert.True(_bed.Clock.GetUtcNow() >= issuedAt + TimeSpan.FromDays(7));
        Assert.Null(_bed.SessionService.Authenticate(session.Token, SessionKind.Bearer).User);
    }

    [Fact]
    public void End_TokenRefusedAtOnce()
    {
        var session = _bed.SessionService.Issue(_user, SessionKind.Bearer);

        Assert.True(_bed.SessionService.End(session.Token));

        Assert.Null(_bed.SessionService.Authenticate(session.Token, SessionKind.Bearer).User);
    }

    [Fact]
    public void Authenticate_TokenOnTheOtherTransport_Refused()
    {
        var cookie = _bed.SessionService.Issue(_user, SessionKind.Cookie);
        var bearer = _bed.SessionService.Issue(_user, SessionKind.Bearer);

        Assert.Null(_bed.SessionService.Authenticate(cookie.Token, SessionKind.Bearer).User);
        Assert.Null(_bed.SessionService.Authenticate(bearer.Token, SessionKind.Cookie).User);
        Assert.NotNull(_bed.SessionService.Authenticate(cookie.Token, SessionKind.Cookie).User);
    }

    [Fact]
    public void Issue_StoresOnlyTheSha256OfTheToken()
    {
        var session = _bed.SessionService.Issue(_user, SessionKind.Bearer);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var everything = string.Concat(Directory.GetFiles(_bed.DataDir).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        var secret = session.Token[SessionTokens.Prefix.Length..];

        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.NotNull(_bed.Sessions.Find(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(session.Token))));
        Assert.Equal(32, Convert.FromBase64String(Base64Pad(secret)).Length);
    }

    [Fact]
    public void DisablingTheUser_EndsItsSessions()
    {
        _bed.CreateUser("boss", "boss-password-1", new AccountSpec(Roles: [Role.Admin]));
        var session = _bed.SessionService.Issue(_user, SessionKind.Bearer);

        _bed.Manager.SetDisabled("boss", "hoa", disabled: true);

        Assert.Null(_bed.SessionService.Authenticate(session.Token, SessionKind.Bearer).User);
        Assert.Equal(0, _bed.Sessions.CountForUser(_user.Id));
    }

    [Fact]
    public void AccountsDatabase_IsPrivateToTheOwner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(_bed.Database.Path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    private static string Base64Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }

    public void Dispose() => _bed.Dispose();
}
