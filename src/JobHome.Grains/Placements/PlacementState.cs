using JobHome.Domain.Validation;

namespace JobHome.Grains.Placements;

/// <summary>Stored state of a placement (version 1): the intent first, then each step as it completes.</summary>
[GenerateSerializer, Alias("jobhome.placement-state.v1")]
public sealed class PlacementState
{
    /// <summary>The request, null until the intent is recorded.</summary>
    [Id(0)]
    public PlacementRequest? Request { get; set; }

    /// <summary>The last step completed.</summary>
    [Id(1)]
    public PlacementStep Step { get; set; }

    /// <summary>Why it was refused after the intent, empty otherwise.</summary>
    [Id(2)]
    public List<FieldError> Refusal { get; set; } = [];

    /// <summary>The end, null while active.</summary>
    [Id(3)]
    public PlacementEnd? End { get; set; }

    /// <summary>The seeker's household, learnt at the seeker step.</summary>
    [Id(4)]
    public string? HouseholdId { get; set; }

    /// <summary>The seeker's status after the seeker step, to report to the household.</summary>
    [Id(5)]
    public People.MemberStatus? SeekerStatus { get; set; }

    /// <summary>
    /// The post's occupation and kind, read by the placement's checks and stored with the intent, so the seeker step
    /// need not read the post again; false in states stored before they were kept (the seeker then reads the post).
    /// </summary>
    [Id(6)]
    public bool PostWorkKnown { get; set; }

    /// <summary>The post's occupation code at the intent (see <see cref="PostWorkKnown"/>).</summary>
    [Id(7)]
    public string? PostOccupation { get; set; }

    /// <summary>The post's kind at the intent (see <see cref="PostWorkKnown"/>).</summary>
    [Id(8)]
    public Domain.Work.WorkKind? PostKind { get; set; }
}
