namespace Broadcast.Accounts.Authorization;

/// <summary>Where the central check finds what a request targets, for commune scope and emergency priority.</summary>
[Flags]
public enum ScopeSources
{
    None = 0,

    /// <summary>The <c>target</c> field of a JSON body (a target expression: all, commune:…, hamlet:…, cluster:…).</summary>
    BodyTarget = 1,

    /// <summary>The <c>priority</c> field of a JSON body: emergency needs the emergency permission; commune-scoped users stay at commune or below.</summary>
    BodyPriority = 2,

    /// <summary>The resource named by the route (a broadcast id…), through a registered <see cref="ResourceTargetLookup"/>.</summary>
    Resource = 4,

    /// <summary>The <c>commune</c> query parameter of an audit read.</summary>
    AuditCommune = 8,

    /// <summary>The handler checks the scope itself with <see cref="Scope.ITargetScopeChecker"/> (multipart uploads).</summary>
    Handler = 16,

    /// <summary>
    /// The handler turns a missing <c>priority</c> into district, so a commune-scoped user must state one (creating a
    /// broadcast, a schedule, a queue item). Elsewhere a missing priority means "unchanged".
    /// </summary>
    PriorityRequired = 32,
}
