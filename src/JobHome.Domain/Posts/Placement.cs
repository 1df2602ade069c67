using JobHome.Domain.Validation;

namespace JobHome.Domain.Posts;

/// <summary>
/// A seeker employed in a post (就业/上岗), through matching, a fair or self-found; it can end
/// (unemployment again: back into assistance).
/// </summary>
public sealed record Placement(string Id, string SeekerId, string PostId, DateOnly Start)
{
    /// <summary>End date, null while active.</summary>
    public DateOnly? End { get; init; }

    /// <summary>Why it ended, null while active.</summary>
    public PlacementEndReason? EndReason { get; init; }

    /// <summary>True when active on <paramref name="date"/>.</summary>
    public bool IsActiveOn(DateOnly date) => date >= Start && (End is null || date < End);

    /// <summary>Ends the placement; returns the ended copy or the errors (already ended, end before start).</summary>
    public (Placement? Ended, ValidationResult Result) Finish(DateOnly end, PlacementEndReason reason)
    {
        var r = new ValidationResult();
        r.AddIf(End is not null, "end", End?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            "the placement has already ended", "a placement ends once (就业终止)");
        r.AddIf(end < Start, "end", end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            $"is before the start {Start:yyyy-MM-dd}", "end ≥ start");
        return r.IsValid ? (this with { End = end, EndReason = reason }, r) : (null, r);
    }
}
