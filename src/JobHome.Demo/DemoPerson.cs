using JobHome.Domain.People;

namespace JobHome.Demo;

/// <summary>
/// The real-name facts of a demo seeker that the fair format leaves out (<c>people.csv</c>): the synthetic ID-card number
/// and phone (personal data in a real ledger), and the labour status with the date it began.
/// </summary>
public sealed record DemoPerson(string SeekerId, string IdNumber, string? Phone, LabourStatus Status, DateOnly StatusSince)
{
    /// <summary>The status as written in people.csv and the API: <c>employed</c>, <c>unemployed</c>, <c>not_in_labour_force</c>.</summary>
    public string StatusToken => Status switch
    {
        LabourStatus.Employed => "employed",
        LabourStatus.Unemployed => "unemployed",
        _ => "not_in_labour_force",
    };
}
