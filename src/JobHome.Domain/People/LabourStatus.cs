namespace JobHome.Domain.People;

/// <summary>A person's labour status (劳动力状态), each with the date it began.</summary>
public enum LabourStatus : byte
{
    /// <summary>Employed (就业), token <c>employed</c>.</summary>
    Employed = 0,
    /// <summary>Registered unemployed (登记失业), token <c>unemployed</c>.</summary>
    Unemployed = 1,
    /// <summary>Not in the labour force (非劳动力: studying, retired, unable or unwilling to work), token <c>not_in_labour_force</c>.</summary>
    NotInLabourForce = 2,
}
