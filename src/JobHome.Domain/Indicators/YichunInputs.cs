namespace JobHome.Domain.Indicators;

/// <summary>
/// The facts the Yichun scorecard can compute from; every null means "not known", and its part is then listed
/// as needing manual input.
/// </summary>
public sealed record YichunInputs(CreationLevel Level, CreationUnit Unit)
{
    /// <summary>Item 5: has an employment information release terminal (就业信息发布终端).</summary>
    public bool? HasInformationTerminal { get; init; }

    /// <summary>Item 6: dedicated post and at least one full-time (township) or principal (village) staff member (专岗、专职、专管).</summary>
    public bool? HasDedicatedStaff { get; init; }

    /// <summary>Item 8: verified-correct labour-resource records ÷ records.</summary>
    public Rate? DataAccuracy { get; init; }

    /// <summary>Item 9: employed ÷ able and willing.</summary>
    public Rate? EmploymentRate { get; init; }

    /// <summary>Item 9 and 10: the county's (县（市、区）) average employment rate.</summary>
    public Rate? CountyAverageEmploymentRate { get; init; }

    /// <summary>Item 10: employment rate of poverty-alleviated labour (脱贫劳动力就业率).</summary>
    public Rate? PovertyAlleviatedEmploymentRate { get; init; }

    /// <summary>Item 11: long-term HR-agency partners (劳务用工协作关系).</summary>
    public int? LabourCooperationPartners { get; init; }

    /// <summary>Item 11: policy publicity or recruitment events this year (at least two).</summary>
    public int? MatchingEventsThisYear { get; init; }

    /// <summary>Item 11: helped industrial-park enterprises with staffing (协助工业园区企业解决用工问题).</summary>
    public bool? HelpedParkEnterprises { get; init; }

    /// <summary>Item 14: labour disputes mediated ÷ disputes.</summary>
    public Rate? DisputeMediation { get; init; }

    /// <summary>Item 15: insured ÷ eligible.</summary>
    public Rate? SocialInsurance { get; init; }

    /// <summary>Item 16: certificate holders ÷ population.</summary>
    public Rate? SkillCertificates { get; init; }

    /// <summary>Item 17: entrepreneurs ÷ population.</summary>
    public Rate? Entrepreneurs { get; init; }

    /// <summary>Item 19: has a creation work plan (工作方案).</summary>
    public bool? HasWorkPlan { get; init; }

    /// <summary>Item 20: has a leading group (领导小组).</summary>
    public bool? HasLeadingGroup { get; init; }

    /// <summary>Item 21: how many of home visits, classified assistance, follow-up visits mechanisms exist (0–3).</summary>
    public int? WorkingMechanisms { get; init; }
}
