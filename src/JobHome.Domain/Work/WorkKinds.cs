namespace JobHome.Domain.Work;

/// <summary>File tokens of <see cref="WorkKind"/>.</summary>
public static class WorkKinds
{
    private static readonly (WorkKind Kind, string Token, string Chinese)[] Table =
    [
        (WorkKind.FullTime, "full_time", "全职"),
        (WorkKind.PartTime, "part_time", "兼职"),
        (WorkKind.Gig, "gig", "零工"),
        (WorkKind.PublicWelfare, "public_welfare", "公益性岗位"),
    ];

    /// <summary>Every single kind with its token and Chinese name.</summary>
    public static IReadOnlyList<(WorkKind Kind, string Token, string Chinese)> All => Table;

    /// <summary>Every token, separated by <c>|</c>, for messages: <c>full_time|part_time|gig|public_welfare</c>.</summary>
    public static string TokenList { get; } = string.Join('|', Table.Select(row => row.Token));

    /// <summary>True when exactly one kind is set (what a post needs).</summary>
    public static bool IsSingle(this WorkKind kind) => kind != WorkKind.None && (kind & (kind - 1)) == 0 && kind <= WorkKind.PublicWelfare;

    /// <summary>Parses one token such as <c>part_time</c>.</summary>
    public static bool TryParse(string? token, out WorkKind kind)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Token, token, StringComparison.Ordinal))
            {
                kind = row.Kind;
                return true;
            }
        }
        kind = WorkKind.None;
        return false;
    }

    /// <summary>Tokens of the set kinds joined with <paramref name="separator"/>.</summary>
    public static string Format(WorkKind kinds, char separator = ';')
    {
        var parts = new List<string>();
        foreach (var row in Table)
        {
            if ((kinds & row.Kind) != 0)
            {
                parts.Add(row.Token);
            }
        }
        return string.Join(separator, parts);
    }
}
