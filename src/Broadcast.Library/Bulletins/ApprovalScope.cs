namespace Broadcast.Library.Bulletins;

/// <summary>
/// Where an approver may decide: the whole district (district-scope approvers and administrators: district items and
/// every commune's), or the items of some communes only (a commune approver; never district items).
/// </summary>
public sealed class ApprovalScope
{
    private ApprovalScope(bool district, IReadOnlyList<string> communes)
    {
        District = district;
        Communes = communes;
    }

    /// <summary>Not an approver.</summary>
    public static ApprovalScope None { get; } = new(false, []);

    /// <summary>District items and every commune's.</summary>
    public static ApprovalScope WholeDistrict { get; } = new(true, []);

    public bool District { get; }

    /// <summary>Commune ids, codes or names (as the district file gives them); empty for <see cref="None"/> and <see cref="WholeDistrict"/>.</summary>
    public IReadOnlyList<string> Communes { get; }

    public bool IsApprover => District || Communes.Count > 0;

    /// <summary>The items of these communes only.</summary>
    public static ApprovalScope ForCommunes(IEnumerable<string> communes)
    {
        ArgumentNullException.ThrowIfNull(communes);
        var list = communes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        return list.Length == 0 ? None : new ApprovalScope(false, list);
    }

    public override string ToString() => District ? "the whole district" : Communes.Count == 0 ? "nothing" : "commune " + string.Join(", ", Communes);
}
