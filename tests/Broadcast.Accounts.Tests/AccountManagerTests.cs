using Broadcast.Accounts.Management;
using Broadcast.Accounts.Users;
using Broadcast.Audit;

namespace Broadcast.Accounts.Tests;

public sealed class AccountManagerTests : IDisposable
{
    private readonly AccountsTestBed _bed = new();

    [Theory]
    [InlineData(new[] { Role.CommuneEditor }, new string[0], null, false, "a CommuneEditor needs at least one commune")]
    [InlineData(new[] { Role.Viewer }, new[] { "y-ty" }, null, false, "communes apply only")]
    [InlineData(new[] { Role.Technician }, new string[0], null, true, "emergencyPermission can be granted only")]
    [InlineData(new[] { Role.CommuneEditor }, new[] { "Atlantis" }, null, false, "'Atlantis' is not a commune of Bát Xát")]
    [InlineData(new Role[0], new string[0], null, false, "at least one of")]
    [InlineData(new[] { Role.Viewer }, new string[0], ApproverScope.Commune, false, "applies only to an Approver")]
    public void Create_BadCombination_RefusedWithReason(Role[] roles, string[] communes, ApproverScope? scope, bool emergency, string reason)
    {
        var outcome = _bed.Manager.Create("admin", "x-user", "long-enough-pw", new AccountSpec(null, roles, communes, scope, emergency));

        Assert.Equal(ManageStatus.BadRequest, outcome.Status);
        Assert.Contains(reason, outcome.Message);
        Assert.Null(_bed.Users.FindByName("x-user"));
    }

    [Fact]
    public void Create_CommunesByNameOrCode_StoredAsIdsAndAudited()
    {
        var outcome = _bed.Manager.Create("admin", "Lan.Nguyen", null, new AccountSpec("Nguyễn Thị Lan", [Role.CommuneEditor], ["Y Tý", "AL"]));

        Assert.Equal(ManageStatus.Ok, outcome.Status);
        Assert.Equal("lan.nguyen", outcome.User!.Name);
        Assert.Equal(["y-ty", "a-lu"], outcome.User.Communes);
        Assert.True(outcome.User.MustChangePassword);
        Assert.NotNull(outcome.OneTimePassword);
        var entry = Assert.Single(_bed.Audit.Entries, e => e.Action == AccountAuditActions.Create);
        Assert.Equal("admin", entry.Actor);
        Assert.Contains("Y Tý", entry.Detail);
    }

    [Fact]
    public void Create_TakenName_Conflict()
    {
        _bed.Manager.Create("admin", "lan", "long-enough-pw", new AccountSpec(Roles: [Role.Viewer]));

        Assert.Equal(ManageStatus.Conflict, _bed.Manager.Create("admin", "LAN", "long-enough-pw", new AccountSpec(Roles: [Role.Viewer])).Status);
    }

    [Fact]
    public void LastAdmin_CannotBeDisabledOrDemoted()
    {
        _bed.CreateUser("boss", "boss-password-1", new AccountSpec(Roles: [Role.Admin]));

        Assert.Equal(ManageStatus.Conflict, _bed.Manager.SetDisabled("boss", "boss", disabled: true).Status);
        Assert.Equal(ManageStatus.Conflict, _bed.Manager.Update("boss", "boss", new AccountSpec(Roles: [Role.Viewer])).Status);

        _bed.CreateUser("deputy", "deputy-password", new AccountSpec(Roles: [Role.Admin]));
        Assert.Equal(ManageStatus.Ok, _bed.Manager.Update("deputy", "boss", new AccountSpec(Roles: [Role.Viewer])).Status);
        Assert.Equal([Role.Viewer], _bed.Users.FindByName("boss")!.Roles);
    }

    [Fact]
    public void Update_KeepsFieldsNotGiven()
    {
        _bed.CreateUser("op", "operator-pass", new AccountSpec("Operator", [Role.DistrictOperator], EmergencyPermission: true));

        var outcome = _bed.Manager.Update("admin", "op", new AccountSpec(DisplayName: "Trực ban"));

        Assert.Equal(ManageStatus.Ok, outcome.Status);
        Assert.Equal("Trực ban", outcome.User!.DisplayName);
        Assert.True(outcome.User.EmergencyPermission);
        Assert.Equal([Role.DistrictOperator], outcome.User.Roles);
    }

    public void Dispose() => _bed.Dispose();
}
