using Broadcast.Accounts.Authorization;

namespace Broadcast.Accounts.Scope;

/// <summary>
/// Commune scope for handlers: a commune editor or a commune approver may only act on clusters, hamlets and communes
/// of their own communes. The central check already applies this to JSON bodies with a <c>target</c> and to routes
/// with a registered resource lookup; handlers call it for what the centre cannot see (the <c>commune</c> field of a
/// multipart upload, targets inside stored items).
/// </summary>
public interface ITargetScopeChecker
{
    /// <summary>May <paramref name="user"/> send audio to <paramref name="targetExpression"/> (<see cref="Permission.Broadcast"/>)?</summary>
    ScopeDecision Check(ICurrentUser user, string? targetExpression);

    /// <summary>May <paramref name="user"/> use <paramref name="permission"/> on <paramref name="targetExpression"/>?</summary>
    ScopeDecision Check(ICurrentUser user, string? targetExpression, Permission permission);

    /// <summary>May <paramref name="user"/> use <paramref name="permission"/> for items of <paramref name="commune"/> (id, code or name)?</summary>
    ScopeDecision CheckCommune(ICurrentUser user, string? commune, Permission permission);
}
