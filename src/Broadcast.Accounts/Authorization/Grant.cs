namespace Broadcast.Accounts.Authorization;

/// <summary>
/// Whether a user holds a permission, and where: <see cref="Communes"/> is null for district-wide, or the commune
/// ids the user may act in (a commune editor, a commune approver).
/// </summary>
internal sealed record Grant(bool Allowed, IReadOnlySet<string>? Communes, string ScopedAs)
{
    public static Grant Denied { get; } = new(false, null, string.Empty);

    public static Grant District { get; } = new(true, null, string.Empty);

    public bool IsScoped => Allowed && Communes is not null;
}
