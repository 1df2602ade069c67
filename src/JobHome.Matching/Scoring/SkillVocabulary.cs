using System.Collections.Concurrent;

namespace JobHome.Matching.Scoring;

/// <summary>
/// Maps skill tokens (compared case-insensitively) to dense ids for bitsets: ids 0–63 live in one
/// <see cref="ulong"/> mask, later ids in a small sorted overflow array. Thread-safe; ids never change.
/// </summary>
internal sealed class SkillVocabulary
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _addLock = new();

    /// <summary>Number of known skills.</summary>
    public int Count => _ids.Count;

    /// <summary>The id of a known skill.</summary>
    public bool TryGetId(string skill, out int id) => _ids.TryGetValue(skill, out id);

    /// <summary>The id of a skill, adding it when new.</summary>
    public int GetOrAdd(string skill)
    {
        if (_ids.TryGetValue(skill, out var id))
        {
            return id;
        }
        lock (_addLock)
        {
            if (!_ids.TryGetValue(skill, out id))
            {
                id = _ids.Count;
                _ids[skill] = id;
            }
            return id;
        }
    }

    /// <summary>
    /// Encodes distinct skills; with <paramref name="add"/> unknown tokens get ids, otherwise they are left out
    /// of the bitset but still counted in <see cref="SkillSet.Count"/>.
    /// </summary>
    public SkillSet Encode(IReadOnlyList<string> skills, bool add)
    {
        ulong mask = 0;
        List<int>? overflow = null;
        var count = 0;
        HashSet<string>? seen = skills.Count > 8 ? new(StringComparer.OrdinalIgnoreCase) : null;
        for (var k = 0; k < skills.Count; k++)
        {
            var skill = skills[k];
            if (seen is not null ? !seen.Add(skill) : SeenBefore(skills, k))
            {
                continue;
            }
            count++;
            int id;
            if (add)
            {
                id = GetOrAdd(skill);
            }
            else if (!TryGetId(skill, out id))
            {
                continue;
            }
            if (id < 64)
            {
                mask |= 1UL << id;
            }
            else
            {
                (overflow ??= []).Add(id);
            }
        }
        overflow?.Sort();
        return new SkillSet(mask, overflow is null ? [] : [.. overflow], count);
    }

    private static bool SeenBefore(IReadOnlyList<string> skills, int k)
    {
        for (var j = 0; j < k; j++)
        {
            if (string.Equals(skills[j], skills[k], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
