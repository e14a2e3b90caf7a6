using Broadcast.Accounts.Authentication;
using Broadcast.Accounts.Authorization;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Users;

namespace Broadcast.Accounts.Tests;

public class ScopeTests
{
    private static readonly Scope.TargetScopeChecker Checker = new(AccountsTestBed.Topology);

    [Theory]
    [InlineData("commune:Y Tý")]
    [InlineData("commune:y-ty")]
    [InlineData("hamlet:y-ty-03")]
    [InlineData("cluster:BX-YT-01")]
    [InlineData("commune:YT, hamlet:y-ty-02")]
    public void Check_CommuneEditorInOwnCommune_Allowed(string target)
    {
        var decision = Checker.Check(User([Role.CommuneEditor], ["y-ty"]), target);

        Assert.True(decision.Allowed, decision.Reason);
    }

    [Theory]
    [InlineData("hamlet:thi-tran-bat-xat-01", "commune editor of Y Tý cannot target hamlet Thôn Bản Cang of Thị trấn Bát Xát")]
    [InlineData("commune:A Lù", "commune editor of Y Tý cannot target commune A Lù")]
    [InlineData("commune:y-ty,cluster:BX-AL-01", "commune editor of Y Tý cannot target cluster BX-AL-01 of A Lù")]
    [InlineData("all", "commune editor of Y Tý cannot target the whole district (all)")]
    public void Check_CommuneEditorElsewhere_ForbiddenWithReason(string target, string reason)
    {
        var decision = Checker.Check(User([Role.CommuneEditor], ["y-ty"]), target);

        Assert.False(decision.Allowed);
        Assert.Equal(403, decision.StatusCode);
        Assert.Equal("out-of-scope", decision.Code);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void Check_UnknownTarget_BadRequestWithTheTopologyError()
    {
        var decision = Checker.Check(User([Role.CommuneEditor], ["y-ty"]), "commune:Atlantis");

        Assert.Equal(400, decision.StatusCode);
        Assert.Contains("unknown target 'commune:Atlantis'", decision.Reason);
    }

    [Fact]
    public void Check_EditorOfTwoCommunes_MayTargetBoth()
    {
        var user = User([Role.CommuneEditor], ["y-ty", "a-lu"]);

        Assert.True(Checker.Check(user, "commune:Y Tý,commune:A Lù").Allowed);
        Assert.Equal("commune editor of A Lù, Y Tý cannot target commune Bản Qua", Checker.Check(user, "commune:Bản Qua").Reason);
    }

    [Theory]
    [InlineData(Role.DistrictOperator)]
    [InlineData(Role.Admin)]
    public void Check_DistrictRoles_TargetAnything(Role role) =>
        Assert.True(Checker.Check(User([role], []), "all").Allowed);

    [Fact]
    public void Check_EditorWhoIsAlsoOperator_DistrictWide() =>
        Assert.True(Checker.Check(User([Role.CommuneEditor, Role.DistrictOperator], ["y-ty"]), "commune:A Lù").Allowed);

    [Fact]
    public void Check_ViewerHasNoBroadcastPermission() =>
        Assert.Equal("forbidden", Checker.Check(User([Role.Viewer], []), "commune:Y Tý").Code);

    [Fact]
    public void CheckCommune_CommuneApprover_OwnAndOther()
    {
        var approver = User([Role.Approver], ["y-ty"], ApproverScope.Commune);

        Assert.True(Checker.CheckCommune(approver, "YT", Permission.ProgrammeApprove).Allowed);
        var other = Checker.CheckCommune(approver, "Trịnh Tường", Permission.ProgrammeApprove);
        Assert.Equal("commune approver of Y Tý cannot act for commune Trịnh Tường", other.Reason);
        Assert.True(Checker.CheckCommune(User([Role.Approver], [], ApproverScope.District), "Trịnh Tường", Permission.ProgrammeApprove).Allowed);
    }

    [Fact]
    public void RoleGrants_MustChangePassword_HoldsNothingButSelf()
    {
        var user = User([Role.Admin], [], mustChange: true);

        Assert.False(RoleGrants.For(user, Permission.Read).Allowed);
        Assert.False(RoleGrants.For(user, Permission.SignedIn).Allowed);
        Assert.True(RoleGrants.For(user, Permission.Self).Allowed);
    }

    internal static CurrentUser User(Role[] roles, string[] communes, ApproverScope scope = ApproverScope.District, bool emergency = false, bool mustChange = false)
    {
        var account = new UserAccount
        {
            Id = 1,
            Name = "u",
            PasswordHash = "x",
            Roles = roles,
            Communes = communes,
            ApproverScope = scope,
            EmergencyPermission = emergency,
            MustChangePassword = mustChange,
            CreatedAt = default,
        };
        return new CurrentUser(AccountsClaims.Principal(account, SessionKind.Bearer, AccountsDefaults.Scheme), unrestricted: false);
    }
}
