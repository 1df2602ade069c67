using JobHome.Domain.People;

namespace JobHome.Domain.Indicators;

/// <summary>
/// The indicators of domain.md and the Yichun sheet (seed 004 annex 1) as pure functions over counts.
/// Every threshold is inclusive ("达到…以上" = at least) and compared exactly on the counts: there is no rounding
/// of percentages, so 89.5 % is in the 85–89 band, not the ≥ 90 band.
/// </summary>
public static class EmploymentIndicators
{
    /// <summary>Full points of the employment-rate item (就业率, 10分).</summary>
    public const int EmploymentRateMaxPoints = 10;

    /// <summary>Employment rate (就业率) = employed ÷ people of working age able and willing to work.</summary>
    public static Rate EmploymentRate(long employed, long ableAndWilling) => new(employed, ableAndWilling);

    /// <summary>
    /// The employment-rate target in percent (seed 004 item 9): city-level township 90, county-level township 85,
    /// city-level village 95, county-level village 90.
    /// </summary>
    public static int EmploymentTargetPercent(CreationLevel level, CreationUnit unit) => (level, unit) switch
    {
        (CreationLevel.City, CreationUnit.Village) => 95,
        (CreationLevel.County, CreationUnit.Village) => 90,
        (CreationLevel.City, CreationUnit.Township) => 90,
        (CreationLevel.County, CreationUnit.Township) => 85,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>True when the employment rate meets its target.</summary>
    public static bool EmploymentTargetMet(Rate rate, CreationLevel level, CreationUnit unit) =>
        rate.IsAtLeastPercent(EmploymentTargetPercent(level, unit));

    /// <summary>
    /// Points of item 9 (10): 0 when the rate is below the county average (低于所在县平均就业率不得分) or undefined;
    /// 10 when the target is met; otherwise proportional (按比例得分) = 10 × rate ÷ target, truncated to 0.01.
    /// </summary>
    public static decimal EmploymentRatePoints(Rate rate, Rate countyAverage, CreationLevel level, CreationUnit unit)
    {
        if (!rate.IsDefined || rate.IsBelow(countyAverage))
        {
            return 0m;
        }
        var target = EmploymentTargetPercent(level, unit);
        if (rate.IsAtLeastPercent(target))
        {
            return EmploymentRateMaxPoints;
        }
        var exact = EmploymentRateMaxPoints * rate.Numerator * 100m / (rate.Denominator * (decimal)target);
        return Math.Round(exact, 2, MidpointRounding.ToZero);
    }

    /// <summary>Item 8 (10): labour-resource data accuracy ≥ 90 % → 10, 85 % to below 90 % → 8, 80 % to below 85 % → 6, else 0.</summary>
    public static int DataAccuracyPoints(long correctRecords, long records)
    {
        var r = new Rate(correctRecords, records);
        return r.IsAtLeastPercent(90) ? 10 : r.IsAtLeastPercent(85) ? 8 : r.IsAtLeastPercent(80) ? 6 : 0;
    }

    /// <summary>Item 16 (5): skill-certificate holders ÷ population ≥ 5 % → 5, ≥ 4 % → 4, ≥ 3 % → 3, else 0.</summary>
    public static int SkillCertificatePoints(long holders, long population)
    {
        var r = new Rate(holders, population);
        return r.IsAtLeastPercent(5) ? 5 : r.IsAtLeastPercent(4) ? 4 : r.IsAtLeastPercent(3) ? 3 : 0;
    }

    /// <summary>Item 17 (5): entrepreneurs ÷ population ≥ 10 % → 5, ≥ 8 % → 4, ≥ 5 % → 3, else 0.</summary>
    public static int EntrepreneurshipRatePoints(long entrepreneurs, long population)
    {
        var r = new Rate(entrepreneurs, population);
        return r.IsAtLeastPercent(10) ? 5 : r.IsAtLeastPercent(8) ? 4 : r.IsAtLeastPercent(5) ? 3 : 0;
    }

    /// <summary>
    /// Training rate (培训率) of people willing to train: target 100 %; true when everyone willing was trained (vacuously true when nobody is
    /// willing).
    /// </summary>
    public static bool TrainingRateMet(long trained, long willingToTrain) => trained >= willingToTrain;

    /// <summary>Training content matching demand (培训内容与需求匹配): ≥ 70 % of trained; false when nobody was trained.</summary>
    public static bool TrainingMatchMet(long matched, long trained) => new Rate(matched, trained).IsAtLeastPercent(70);

    /// <summary>Labour dispute mediation rate target in percent (劳动争议调解率): city-level 75, county-level 70.</summary>
    public static int DisputeMediationTargetPercent(CreationLevel level) => level == CreationLevel.City ? 75 : 70;

    /// <summary>Item 14 (5): mediated ÷ disputes meets the level's target; vacuously true with no disputes.</summary>
    public static bool DisputeMediationMet(long mediated, long disputes, CreationLevel level) =>
        disputes == 0 || new Rate(mediated, disputes).IsAtLeastPercent(DisputeMediationTargetPercent(level));

    /// <summary>Item 15 (5): social insurance coverage (参保率) insured ÷ eligible ≥ 98 %.</summary>
    public static bool SocialInsuranceMet(long insured, long eligible) => new Rate(insured, eligible).IsAtLeastPercent(98);

    /// <summary>Labour-cooperation partners needed (劳务协作关系): township 3, village/community 1.</summary>
    public static int LabourCooperationTarget(CreationUnit unit) => unit == CreationUnit.Township ? 3 : 1;

    /// <summary>True when the unit has enough long-term HR-agency partners.</summary>
    public static bool LabourCooperationMet(int partners, CreationUnit unit) => partners >= LabourCooperationTarget(unit);

    /// <summary>
    /// Entrepreneurship driving employment (创业带动就业) 1 : 3: jobs created ≥ 3 × new businesses, with at least one business.
    /// </summary>
    public static bool EntrepreneurshipDrivingMet(long newBusinesses, long jobsCreated) => newBusinesses > 0
        && jobsCreated >= 3 * newBusinesses;

    /// <summary>Registered unemployment rate (登记失业率) = registered unemployed ÷ (employed + registered unemployed).</summary>
    public static Rate RegisteredUnemploymentRate(long registeredUnemployed, long employed)
        => new(registeredUnemployed, employed + registeredUnemployed);

    /// <summary>Posts-to-seekers ratio (求人倍率) = openings ÷ active seekers (may exceed 1).</summary>
    public static Rate PostsToSeekersRatio(long openings, long activeSeekers) => new(openings, activeSeekers);

    /// <summary>
    /// Registered unemployed for more than three months on <paramref name="asOf"/> (登记失业三个月以上, each needs
    /// one-to-one follow-up): registration dates strictly before <paramref name="asOf"/> minus three calendar months.
    /// </summary>
    public static int RegisteredUnemployedOverThreeMonths(IEnumerable<DateOnly> unemploymentRegisteredOn, DateOnly asOf) =>
        unemploymentRegisteredOn.Count(d => asOf > d.AddMonths(3));

    /// <summary>Number of zero-employment households (零就业家庭) on <paramref name="asOf"/>.</summary>
    public static int ZeroEmploymentHouseholds(IEnumerable<Household> households, DateOnly asOf) =>
        households.Count(h => h.IsZeroEmployment(asOf));

    /// <summary>
    /// Number of zero-employment households registered more than one month before <paramref name="asOf"/> (must be zero: 动态清零).
    /// </summary>
    public static int ZeroEmploymentHouseholdsOlderThanOneMonth(IEnumerable<Household> households, DateOnly asOf) =>
        households.Count(h => h.IsZeroEmploymentOlderThanOneMonth(asOf));
}
