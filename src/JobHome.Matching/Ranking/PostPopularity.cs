namespace JobHome.Matching.Ranking;

/// <summary>
/// Popularity of posts (岗位热度): how many lists showed each post on each of the last <see cref="WindowDays"/> days. Training
/// feeds it the shown rows of the outcomes, a live partition the lists it serves (each seeker's at most once a day); the
/// feature is <see cref="PerOpening"/>. Not thread-safe: one owner (a training pass or a grain's turns).
/// </summary>
public sealed class PostPopularity
{
    /// <summary>Days counted, ending the day before the one asked about.</summary>
    public const int WindowDays = 14;

    // Per post a ring of (day number, count) slots indexed by day number modulo Slots (the window and the current day, so
    // recording today never overwrites a day still counted): 2 × 15 ints, no growth.
    private const int Slots = WindowDays + 1;

    private readonly Dictionary<string, int[]> _rings = new(StringComparer.Ordinal);

    /// <summary>Posts with a count.</summary>
    public int Count => _rings.Count;

    /// <summary>Counts <paramref name="times"/> more showings of <paramref name="postId"/> on <paramref name="day"/>.</summary>
    public void Record(string postId, DateOnly day, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(postId);
        if (!_rings.TryGetValue(postId, out var ring))
        {
            ring = new int[2 * Slots];
            Array.Fill(ring, int.MinValue, 0, Slots);
            _rings.Add(postId, ring);
        }
        var slot = day.DayNumber % Slots;
        if (ring[slot] != day.DayNumber)
        {
            ring[slot] = day.DayNumber;
            ring[Slots + slot] = 0;
        }
        ring[Slots + slot] += times;
    }

    /// <summary>Showings of the post on the <see cref="WindowDays"/> days before <paramref name="day"/>.</summary>
    public int ShownBefore(string postId, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(postId);
        if (!_rings.TryGetValue(postId, out var ring))
        {
            return 0;
        }
        var total = 0;
        for (var slot = 0; slot < Slots; slot++)
        {
            var age = day.DayNumber - ring[slot];
            if (age is >= 1 and <= WindowDays)
            {
                total += ring[Slots + slot];
            }
        }
        return total;
    }

    /// <summary>Showings on the <see cref="WindowDays"/> days before <paramref name="day"/> per opening (below 1 counts as 1).</summary>
    public float PerOpening(string postId, DateOnly day, int openings) => ShownBefore(postId, day) / (float)Math.Max(1, openings);

    /// <summary>Drops a post's counts (a closed or removed post).</summary>
    public void Forget(string postId) => _rings.Remove(postId);
}
