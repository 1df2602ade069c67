namespace JobHome.Domain.People;

/// <summary>Key employment groups (重点群体) a seeker belongs to; a set of flags.</summary>
[Flags]
public enum KeyGroups : ushort
{
    /// <summary>No key group.</summary>
    None = 0,
    /// <summary>Unemployed (失业人员), token <c>unemployed</c>.</summary>
    Unemployed = 1 << 0,
    /// <summary>Hard-to-employ person (就业困难人员), token <c>hard_to_employ</c>.</summary>
    HardToEmploy = 1 << 1,
    /// <summary>College graduate not employed after leaving school (离校未就业高校毕业生), token <c>graduate</c>.</summary>
    Graduate = 1 << 2,
    /// <summary>Veteran (退役军人), token <c>veteran</c>.</summary>
    Veteran = 1 << 3,
    /// <summary>Migrant worker (农民工), token <c>migrant</c>.</summary>
    Migrant = 1 << 4,
    /// <summary>Poverty-alleviated person (脱贫人口), token <c>poverty_alleviated</c>.</summary>
    PovertyAlleviated = 1 << 5,
    /// <summary>Disabled person (残疾人), token <c>disabled</c>.</summary>
    Disabled = 1 << 6,
    /// <summary>Low-income / minimum-living-allowance household member (低保), token <c>low_income</c>.</summary>
    LowIncome = 1 << 7,
    /// <summary>Registered unemployed youth aged 16–24 (16–24岁登记失业青年), token <c>youth_16_24</c>.</summary>
    Youth16To24 = 1 << 8,
    /// <summary>Member of a zero-employment household (零就业家庭), token <c>zero_employment_household</c>.</summary>
    ZeroEmploymentHousehold = 1 << 9,
}
