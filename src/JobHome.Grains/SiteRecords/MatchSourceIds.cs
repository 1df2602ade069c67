namespace JobHome.Grains.SiteRecords;

/// <summary>
/// A site's seekers and posts a rebuild of one match partition has to read (<see cref="ISiteDirectoryGrain.GetMatchSourceIdsAsync"/>),
/// as indicator source ids (<c>seeker/…</c>, <c>post/…</c>), each array in ordinal order.
/// </summary>
/// <param name="Noted">Records noted in the partition asked about.</param>
/// <param name="Unnoted">Records with no partition noted (listed before notes existed): they may be anywhere.</param>
/// <param name="Listed">Seekers and posts listed at the site in all (noted elsewhere or in no partition included).</param>
[GenerateSerializer, Alias("jobhome.match-source-ids.v1")]
public sealed record MatchSourceIds(
    [property: Id(0)] string[] Noted,
    [property: Id(1)] string[] Unnoted,
    [property: Id(2)] int Listed);
