namespace JobHome.Domain.Indicators;

/// <summary>The unit being scored: a township/street (乡镇（街道）) or a village/community (村（社区）).</summary>
public enum CreationUnit : byte
{
    /// <summary>Township or street (乡镇（街道）).</summary>
    Township = 0,
    /// <summary>Village or community (村（社区）).</summary>
    Village = 1,
}
