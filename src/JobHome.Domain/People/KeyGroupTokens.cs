namespace JobHome.Domain.People;

/// <summary>File tokens and Chinese names of <see cref="KeyGroups"/> flags.</summary>
public static class KeyGroupTokens
{
    private static readonly (KeyGroups Flag, string Token, string Chinese)[] Table =
    [
        (KeyGroups.Unemployed, "unemployed", "失业人员"),
        (KeyGroups.HardToEmploy, "hard_to_employ", "就业困难人员"),
        (KeyGroups.Graduate, "graduate", "离校未就业高校毕业生"),
        (KeyGroups.Veteran, "veteran", "退役军人"),
        (KeyGroups.Migrant, "migrant", "农民工"),
        (KeyGroups.PovertyAlleviated, "poverty_alleviated", "脱贫人口"),
        (KeyGroups.Disabled, "disabled", "残疾人"),
        (KeyGroups.LowIncome, "low_income", "低保对象"),
        (KeyGroups.Youth16To24, "youth_16_24", "16–24岁登记失业青年"),
        (KeyGroups.ZeroEmploymentHousehold, "zero_employment_household", "零就业家庭成员"),
    ];

    /// <summary>The groups that may take a public-welfare post (公益性岗位).</summary>
    public const KeyGroups PublicWelfareEligible = KeyGroups.HardToEmploy | KeyGroups.ZeroEmploymentHousehold
        | KeyGroups.PovertyAlleviated | KeyGroups.Disabled | KeyGroups.LowIncome;

    /// <summary>Every single flag with its token and Chinese name, in file order.</summary>
    public static IReadOnlyList<(KeyGroups Flag, string Token, string Chinese)> All => Table;

    /// <summary>Parses one token such as <c>hard_to_employ</c>.</summary>
    public static bool TryParse(string? token, out KeyGroups flag)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Token, token, StringComparison.Ordinal))
            {
                flag = row.Flag;
                return true;
            }
        }
        flag = KeyGroups.None;
        return false;
    }

    /// <summary>Tokens of the set flags, joined with <paramref name="separator"/>.</summary>
    public static string Format(KeyGroups groups, char separator = ';')
    {
        var parts = new List<string>();
        foreach (var row in Table)
        {
            if ((groups & row.Flag) != 0)
            {
                parts.Add(row.Token);
            }
        }
        return string.Join(separator, parts);
    }
}
