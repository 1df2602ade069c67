namespace JobHome.Domain.Indicators;

/// <summary>The level of a "high-quality employment" creation (高质量就业创建) in the Yichun sheet: city-level or county-level.</summary>
public enum CreationLevel : byte
{
    /// <summary>County-level creation (县级).</summary>
    County = 0,
    /// <summary>City-level creation (市级).</summary>
    City = 1,
}
