namespace JobHome.Domain.Sites;

/// <summary>A site's service team (服务队伍): full-time staff (专职), part-time staff (兼职) and volunteers (志愿者).</summary>
public readonly record struct StaffCounts(int FullTime, int PartTime, int Volunteers)
{
    /// <summary>Full-time plus part-time staff (volunteers not counted).</summary>
    public int Staff => FullTime + PartTime;
}
