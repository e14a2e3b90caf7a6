namespace Broadcast.Accounts.Authorization;

/// <summary>
/// One line of <see cref="PermissionTable"/>: requests whose method is in <see cref="Methods"/> (<c>*</c> for any) and
/// whose route pattern equals <see cref="Pattern"/> (or, with <see cref="Prefix"/>, lies under it) need
/// <see cref="Permission"/>. Patterns are written normalised: lower case, parameters as <c>{}</c>, no trailing slash.
/// </summary>
public sealed record PermissionRule(string Methods, string Pattern, bool Prefix, Permission Permission, ScopeSources Scope = ScopeSources.None)
{
    private readonly string[] _methods = Methods.Split(',', StringSplitOptions.TrimEntries);

    public bool AllowsMethod(string method) =>
        Methods == "*" || _methods.Contains(method, StringComparer.OrdinalIgnoreCase);

    public override string ToString() => $"{Methods} {Pattern}{(Prefix ? "/**" : string.Empty)} -> {Permission}";
}
