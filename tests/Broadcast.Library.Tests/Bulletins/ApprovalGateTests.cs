namespace Broadcast.Library.Tests.Bulletins;

public sealed class ApprovalGateTests
{
    private static readonly ProgrammeRecord Draft = new("abc123abc123", "Bản tin", "news", null, "bien-tap", 60, -16, "hash", 1000, "/x.opus", DateTimeOffset.UnixEpoch, "bien-tap", null, null);

    [Fact]
    public void WhyNotPlayable_Approved_Null()
    {
        var approved = Draft with { State = ProgrammeState.Approved };

        Assert.Null(ApprovalGate.WhyNotPlayable(approved, emergency: false));
        Assert.False(ApprovalGate.NeedsReviewAfterEmergencyUse(approved));
    }

    [Fact]
    public void WhyNotPlayable_Draft_SaysSubmitItFirst()
    {
        Assert.Equal(
            "programme abc123abc123 'Bản tin' is a draft: only approved programmes can be broadcast or scheduled; submit it for approval (bcast bulletin submit abc123abc123)",
            ApprovalGate.WhyNotPlayable(Draft, emergency: false));
    }

    [Fact]
    public void WhyNotPlayable_Submitted_SaysWhoWaits()
    {
        var why = ApprovalGate.WhyNotPlayable(Draft with { State = ProgrammeState.Submitted, SubmittedBy = "bien-tap" }, emergency: false);

        Assert.Equal("programme abc123abc123 'Bản tin' is waiting for approval (submitted by bien-tap): only approved programmes can be broadcast or scheduled", why);
    }

    [Fact]
    public void WhyNotPlayable_Rejected_GivesTheReason()
    {
        var why = ApprovalGate.WhyNotPlayable(Draft with { State = ProgrammeState.Rejected, RejectedBy = "duyet", RejectionReason = "sai ngày" }, emergency: false);

        Assert.Equal("programme abc123abc123 'Bản tin' was rejected by duyet (sai ngày): change it and submit it again", why);
    }

    [Theory]
    [InlineData(ProgrammeState.Draft)]
    [InlineData(ProgrammeState.Submitted)]
    [InlineData(ProgrammeState.Rejected)]
    public void WhyNotPlayable_EmergencyUnapproved_AllowedButNeedsReview(ProgrammeState state)
    {
        var record = Draft with { State = state };

        Assert.Null(ApprovalGate.WhyNotPlayable(record, emergency: true));
        Assert.True(ApprovalGate.NeedsReviewAfterEmergencyUse(record));
    }

    [Fact]
    public void State_RecordBuiltWithoutIt_FollowsApprovedAt()
    {
        // Catalogues built by other components (test fakes) pass ApprovedAt positionally and never name a state.
        Assert.Equal(ProgrammeState.Draft, Draft.State);
        var approved = new ProgrammeRecord("a", "t", "news", null, "o", 1, null, "h", 1, "/p", DateTimeOffset.UnixEpoch, "o", DateTimeOffset.UnixEpoch, "duyet");
        Assert.True(approved.Approved);
    }
}
