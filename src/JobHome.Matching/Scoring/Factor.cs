namespace JobHome.Matching.Scoring;

/// <summary>The factors of a match score, in the fixed order used by weights and vectors.</summary>
public enum Factor
{
    /// <summary>Occupation similarity (职业匹配).</summary>
    Occupation = 0,
    /// <summary>Fraction of required skills covered (技能匹配).</summary>
    Skills = 1,
    /// <summary>Expected pay against the offered range (薪酬匹配).</summary>
    Pay = 2,
    /// <summary>Commute distance decay (通勤距离).</summary>
    Distance = 3,
    /// <summary>Key-group priority (重点群体优先).</summary>
    Priority = 4,
}
