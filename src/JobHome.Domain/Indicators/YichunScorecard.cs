namespace JobHome.Domain.Indicators;

/// <summary>
/// The Yichun high-quality employment scorecard (宜春市高质量就业乡镇（街道）村（社区）创建考核评价指标, seed 004 annex 1):
/// 100 points in 21 lines plus 10 for innovation (line 22). Lines scored "at discretion" (酌情评分) need manual input,
/// except line 10, which is 0 when poverty-alleviated labour employment is below the county average.
/// </summary>
public sealed record YichunScorecard(IReadOnlyList<ScorecardPart> Parts)
{
    /// <summary>Maximum of the regular lines.</summary>
    public const int MaxPoints = 100;

    /// <summary>Maximum innovation bonus (line 22).</summary>
    public const int MaxBonus = 10;

    /// <summary>Sum of the lines the software could score.</summary>
    public decimal ComputedPoints => Parts.Where(p => p.Points is not null).Sum(p => p.Points!.Value);

    /// <summary>Sum of maximum points of the lines the software could score.</summary>
    public int ComputedMaxPoints => Parts.Where(p => p.Points is not null).Sum(p => p.MaxPoints);

    /// <summary>The lines that need manual input.</summary>
    public IReadOnlyList<ScorecardPart> ManualParts => Parts.Where(p => p.NeedsManualInput).ToList();

    /// <summary>Scores what the inputs support.</summary>
    public static YichunScorecard Compute(YichunInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        const string discretion = "scored at the assessor's discretion (根据实际情况酌情评分)";
        const string missing = "input not provided";
        var parts = new List<ScorecardPart>
        {
            Manual(1, "人社服务平台或服务窗口", "Service platform or window", 3, discretion),
            Manual(2, "培训教室、就业帮扶工作室、劳动人事争议调解室、资料室", "Training room, assistance room, mediation room, archive", 3, discretion),
            Manual(3, "工作制度及业务流程", "Published work rules and procedures", 3, discretion),
            Manual(4, "电脑、打印机、多合一高拍仪、电话、办公桌椅等", "Office equipment", 3, discretion),
            YesNo(5, "就业信息发布终端", "Employment information terminal", 3, inputs.HasInformationTerminal),
            YesNo(6, "人员专岗、专职、专管", "Dedicated post, full-time staff, dedicated management", 3, inputs.HasDedicatedStaff),
            Manual(7, "业务培训及学习", "Staff training", 2, discretion),
            inputs.DataAccuracy is { } acc
                ? new ScorecardPart(8, "人力资源数据动态更新", "Labour-resource data accuracy", 10,
                    EmploymentIndicators.DataAccuracyPoints(acc.Numerator, acc.Denominator), $"accuracy {acc}")
                : Manual(8, "人力资源数据动态更新", "Labour-resource data accuracy", 10, missing),
            EmploymentRate(inputs),
            KeyGroups(inputs),
            LabourTransfer(inputs),
            Manual(12, "创业带动就业", "Entrepreneurship driving employment (1:3, labour brands)", 5, discretion),
            Manual(13, "技能培训", "Skills training (100 % of willing, ≥ 70 % matched)", 10, discretion),
            inputs.DisputeMediation is { } med
                ? new ScorecardPart(14, "劳动关系", "Labour relations: dispute mediation rate", 5,
                    EmploymentIndicators.DisputeMediationMet(med.Numerator, med.Denominator, inputs.Level) ? 5 : 0,
                    $"mediated {med}, target {EmploymentIndicators.DisputeMediationTargetPercent(inputs.Level)} %")
                : Manual(14, "劳动关系", "Labour relations: dispute mediation rate", 5, missing),
            inputs.SocialInsurance is { } ins
                ? new ScorecardPart(15, "社会保障", "Social insurance coverage ≥ 98 %", 5,
                    EmploymentIndicators.SocialInsuranceMet(ins.Numerator, ins.Denominator) ? 5 : 0, $"insured {ins}")
                : Manual(15, "社会保障", "Social insurance coverage ≥ 98 %", 5, missing),
            inputs.SkillCertificates is { } sk
                ? new ScorecardPart(16, "劳动者技能水平", "Skill certificate holders", 5,
                    EmploymentIndicators.SkillCertificatePoints(sk.Numerator, sk.Denominator), $"holders {sk}")
                : Manual(16, "劳动者技能水平", "Skill certificate holders", 5, missing),
            inputs.Entrepreneurs is { } en
                ? new ScorecardPart(17, "创业率", "Entrepreneurship rate", 5,
                    EmploymentIndicators.EntrepreneurshipRatePoints(en.Numerator, en.Denominator), $"entrepreneurs {en}")
                : Manual(17, "创业率", "Entrepreneurship rate", 5, missing),
            Manual(18, "党建+就业创业", "Party building + employment", 5, discretion),
            YesNo(19, "工作方案", "Work plan", 1, inputs.HasWorkPlan),
            YesNo(20, "领导小组", "Leading group", 1, inputs.HasLeadingGroup),
            inputs.WorkingMechanisms is { } mech
                ? new ScorecardPart(21, "日常工作运行机制", "Working mechanisms (home visits, classified assistance, follow-up)", 3,
                    Math.Clamp(mech, 0, 3), "3 points, minus 1 per missing mechanism")
                : Manual(21, "日常工作运行机制", "Working mechanisms (home visits, classified assistance, follow-up)", 3, missing),
            Manual(22, "工作特色及亮点", "Innovation bonus", MaxBonus, "bonus: 5 for city-wide, 10 for province-wide promotion"),
        };
        return new YichunScorecard(parts);
    }

    private static ScorecardPart EmploymentRate(YichunInputs inputs)
    {
        const string name = "就业率";
        const string english = "Employment rate";
        if (inputs.EmploymentRate is not { } rate || inputs.CountyAverageEmploymentRate is not { } avg)
        {
            return Manual(9, name, english, 10, "employment rate and county average needed");
        }
        var target = EmploymentIndicators.EmploymentTargetPercent(inputs.Level, inputs.Unit);
        return new ScorecardPart(9, name, english, 10, EmploymentIndicators.EmploymentRatePoints(rate, avg, inputs.Level, inputs.Unit),
            $"rate {rate}, target {target} %, county average {avg}");
    }

    private static ScorecardPart KeyGroups(YichunInputs inputs)
    {
        const string name = "重点群体就业";
        const string english = "Key-group employment";
        if (inputs.PovertyAlleviatedEmploymentRate is { } p && inputs.CountyAverageEmploymentRate is { } avg && p.IsBelow(avg))
        {
            return new ScorecardPart(10, name, english, 10, 0, "poverty-alleviated labour employment below the county average: 0 (不得分)");
        }
        return Manual(10, name, english, 10, "scored at the assessor's discretion (酌情评分) unless below the county average");
    }

    private static ScorecardPart LabourTransfer(YichunInputs inputs)
    {
        const string name = "转移就业";
        const string english = "Labour transfer: HR-agency partners, ≥ 2 events a year, park staffing help";
        if (inputs.LabourCooperationPartners is not { } partners || inputs.MatchingEventsThisYear is not { } events
            || inputs.HelpedParkEnterprises is not { } helped)
        {
            return Manual(11, name, english, 5, "partners, events and park help needed");
        }
        var met = EmploymentIndicators.LabourCooperationMet(partners, inputs.Unit) && events >= 2 && helped;
        return new ScorecardPart(11, name, english, 5, met ? 5 : 0,
            $"partners {partners} (need {EmploymentIndicators.LabourCooperationTarget(inputs.Unit)}), events {events} (need 2), park " +
                $"help {(helped ? "yes" : "no")}");
    }

    private static ScorecardPart YesNo(int number, string chinese, string english, int max, bool? yes) =>
        yes is { } y ? new ScorecardPart(number, chinese, english, max, y ? max : 0, y ? "met" : "not met")
            : Manual(number, chinese, english, max, "input not provided");

    private static ScorecardPart Manual(int number, string chinese, string english, int max, string note) =>
        new(number, chinese, english, max, null, note);
}
