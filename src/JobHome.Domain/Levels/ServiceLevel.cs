namespace JobHome.Domain.Levels;

/// <summary>
/// Service level of a grassroots site (服务分级, seed 003 art. 10). Level 1 is the highest; levels are cumulative.
/// <see cref="None"/> means not even level 4 is reached.
/// </summary>
public enum ServiceLevel : byte
{
    /// <summary>Below level 4 (未达四级).</summary>
    None = 0,
    /// <summary>Level 1 "serves well" (一级 服务好).</summary>
    Level1 = 1,
    /// <summary>Level 2 "can serve" (二级 能服务).</summary>
    Level2 = 2,
    /// <summary>Level 3 "can handle" (三级 能经办).</summary>
    Level3 = 3,
    /// <summary>Level 4 "can publicise" (四级 能宣传).</summary>
    Level4 = 4,
}
