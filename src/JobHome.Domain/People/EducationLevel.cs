namespace JobHome.Domain.People;

/// <summary>Highest completed education (学历), ordered; senior high and vocational school rank equal.</summary>
public enum EducationLevel : byte
{
    /// <summary>No schooling (无).</summary>
    None = 0,
    /// <summary>Primary school (小学).</summary>
    Primary = 1,
    /// <summary>Junior middle school (初中).</summary>
    Junior = 2,
    /// <summary>Senior high school (高中).</summary>
    Senior = 3,
    /// <summary>Secondary vocational / technical school (中专/技校); ranks equal to <see cref="Senior"/>.</summary>
    Vocational = 4,
    /// <summary>Junior college (大专).</summary>
    College = 5,
    /// <summary>Bachelor's degree (本科).</summary>
    Bachelor = 6,
    /// <summary>Master's degree (硕士).</summary>
    Master = 7,
    /// <summary>Doctorate (博士).</summary>
    Doctor = 8,
}
