using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace JobHome.Silo.Security.Access;

/// <summary>
/// The seeker of each placement this silo has seen placed or read: a placement id names one placement for good (the
/// grain refuses another request under a recorded id), so its seeker never changes and the access check and the audit of
/// a later request on it (an end) need not ask the placement grain again; they still ask the seeker its site, which can
/// change. At most <see cref="MaxEntries"/> are kept (then they are forgotten and learnt again).
/// </summary>
internal sealed class PlacementSeekers
{
    /// <summary>Most placements remembered before the memory is cleared.</summary>
    public const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, string> _seekers = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The seeker of <paramref name="placementId"/> when this silo knows it.</summary>
    public bool TryGet(string placementId, [NotNullWhen(true)] out string? seekerId) => _seekers.TryGetValue(placementId, out seekerId);

    /// <summary>Remembers <paramref name="seekerId"/> as the seeker of the recorded placement <paramref name="placementId"/>.</summary>
    public void Note(string placementId, string seekerId)
    {
        if (_seekers.TryAdd(placementId, seekerId) && Interlocked.Increment(ref _count) > MaxEntries)
        {
            _seekers.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
    }
}
