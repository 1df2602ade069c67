namespace JobHome.Grains.People;

/// <summary>Why a seeker's status changed: the tokens of <see cref="StatusChange.Cause"/>.</summary>
public static class StatusCauses
{
    /// <summary>First registration, or registering again after a deregistration (登记).</summary>
    public const string Registration = "registration";

    /// <summary>A placement made the seeker employed (安置).</summary>
    public const string Placement = "placement";

    /// <summary>The end of a placement made the seeker unemployed (离岗).</summary>
    public const string End = "end";

    /// <summary>Staff corrected the status or its date (更正).</summary>
    public const string Correction = "correction";

    /// <summary>Deregistration (注销登记): out of the labour force.</summary>
    public const string Deregistration = "deregistration";

    /// <summary>The status held when history began to be kept (a seeker stored before status history existed).</summary>
    public const string Unrecorded = "unrecorded";
}
