namespace JobHome.Domain.Checklist;

/// <summary>The groups of the standardisation checklist (规范化建设情况评价表, seed 000 annex 3).</summary>
public enum ChecklistGroup : byte
{
    /// <summary>Unified planning and siting (统一规划选址情况).</summary>
    Siting = 0,
    /// <summary>Unified service signage (统一服务标识情况).</summary>
    Signage = 1,
    /// <summary>Standard service configuration: space, team, functions, equipment, online access (规范服务配置情况).</summary>
    Configuration = 2,
    /// <summary>Unified institutions and ledgers (统一制度情况).</summary>
    Institutions = 3,
}
