using JobHome.Domain.People;

namespace JobHome.Grains.People;

/// <summary>Stored state of a seeker (version 1). The registration holds the full ID number and phone (personal data).</summary>
[GenerateSerializer, Alias("jobhome.seeker-state.v1")]
public sealed class SeekerState
{
    /// <summary>The registration as corrected last, null until registered; its status fields are those of the registration.</summary>
    [Id(0)]
    public SeekerRegistration? Registration { get; set; }

    /// <summary>Current labour status.</summary>
    [Id(1)]
    public LabourStatus Status { get; set; }

    /// <summary>The date the current status began.</summary>
    [Id(2)]
    public DateOnly StatusSince { get; set; }

    /// <summary>Bumped on every status change so the household applies reports in order.</summary>
    [Id(3)]
    public int StatusVersion { get; set; }

    /// <summary>The household the seeker belongs to, if any.</summary>
    [Id(4)]
    public string? HouseholdId { get; set; }

    /// <summary>Placement history, oldest first.</summary>
    [Id(5)]
    public List<PlacementRecord> Placements { get; set; } = [];

    /// <summary>Follow-up records, in the order recorded.</summary>
    [Id(6)]
    public List<FollowUp> FollowUps { get; set; } = [];

    /// <summary>The server date of the first registration.</summary>
    [Id(7)]
    public DateOnly RegisteredOn { get; set; }
    /// <summary>The record's indicator outbox.</summary>
    [Id(8)]
    public Indicators.IndicatorOutbox Indicators { get; set; } = new();

    /// <summary>
    /// True from a corrected status's write until the household took it: a report lost to a failure is sent again on
    /// the next registration call or activation (reports are versioned, so a repeat changes nothing).
    /// </summary>
    [Id(9)]
    public bool HouseholdReportPending { get; set; }

    /// <summary>
    /// The match partition holding the seeker's features (null while not active); set in the write that changes them, so
    /// a move removes the seeker from the old partition.
    /// </summary>
    [Id(10)]
    public string? MatchPartition { get; set; }

    /// <summary>The date the seeker was deregistered (注销登记), null while registered; the record is kept as history.</summary>
    [Id(11)]
    public DateOnly? DeregisteredOn { get; set; }

    /// <summary>Why the seeker was deregistered (a token), null while registered.</summary>
    [Id(12)]
    public string? DeregistrationReason { get; set; }

    /// <summary>Every status change, oldest first (empty for a seeker stored before the history was kept).</summary>
    [Id(13)]
    public List<StatusChange> StatusHistory { get; set; } = [];

    /// <summary>
    /// The match cell the site's directory lists the seeker as active in, as of the seeker's last directory call (null:
    /// none, or not known, as for a seeker stored before the listings): the seeker lists itself before a write that stores
    /// it active in another cell (see <c>SiteDirectoryGrain.Cells</c>).
    /// </summary>
    [Id(14)]
    public string? ListedCell { get; set; }
}
