using JobHome.Grains.Indicators;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// The directory's per-partition side: which match partitions its seekers and posts were noted in (<c>directory-cells-N</c>,
/// source id → partitions, add-only), so a rebuild of one partition reads the records noted there and those never noted,
/// not every record of every site in its cells.
/// </summary>
public sealed partial class SiteDirectoryGrain
{
    /// <inheritdoc />
    public async Task NoteMatchPartitionsAsync(string[] sourceIds, string[] partitions)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Length != sourceIds.Length)
        {
            throw new ArgumentException(
                $"partitions: {partitions.Length} given for {sourceIds.Length} source ids; one partition per source id is the rule"
                + " (匹配分区).",
                nameof(partitions));
        }
        for (var i = 0; i < sourceIds.Length; i++)
        {
            if (!IsMatchSource(sourceIds[i]))
            {
                throw new ArgumentException(
                    $"sourceIds[{i}]: '{sourceIds[i]}' is not a seeker (求职者) or post (岗位) source id; the rule is 'seeker/ID' or 'post/ID'.",
                    nameof(sourceIds));
            }
            if (partitions[i] is null)
            {
                throw new ArgumentException($"partitions[{i}]: missing; use an empty string for a record in no partition (匹配分区).",
                    nameof(partitions));
            }
        }
        await _cells.LoadAsync(sourceIds);
        var changed = new List<string>();
        for (var i = 0; i < sourceIds.Length; i++)
        {
            var id = sourceIds[i];
            if (!_cells.TryGetValue(id, out var held))
            {
                _cells.Set(id, [partitions[i]]);
                changed.Add(id);
            }
            else if (Array.IndexOf(held, partitions[i]) < 0)
            {
                _cells.Set(id, [.. held.Append(partitions[i]).Order(StringComparer.Ordinal)]);
                changed.Add(id);
            }
        }
        if (changed.Count > 0)
        {
            // The notes first, then the flag: a crash between the two leaves the flag off, and a listing without the flag
            // returns every record as unnoted (more to read, nothing missed).
            await _cells.WriteAsync(changed);
            if (!state.State.PartitionsNoted)
            {
                state.State.PartitionsNoted = true;
                await state.WriteStateAsync();
            }
        }
    }

    /// <inheritdoc />
    public async Task<MatchSourceIds> GetMatchSourceIdsAsync(string partition)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        var notes = state.State.PartitionsNoted;
        await Task.WhenAll(_seekers.LoadAllAsync(), _posts.LoadAllAsync(), notes ? _cells.LoadAllAsync() : Task.CompletedTask);
        var noted = new List<string>();
        var unnoted = new List<string>();
        var listed = _seekers.Keys.Select(static id => IndicatorSources.Id(IndicatorSources.Seeker, id))
            .Concat(_posts.Keys.Select(static id => IndicatorSources.Id(IndicatorSources.Post, id)))
            .ToList();
        foreach (var sourceId in listed)
        {
            if (!notes || !_cells.TryGetValue(sourceId, out var held))
            {
                unnoted.Add(sourceId);
            }
            else if (Array.IndexOf(held, partition) >= 0)
            {
                noted.Add(sourceId);
            }
        }
        noted.Sort(StringComparer.Ordinal);
        unnoted.Sort(StringComparer.Ordinal);
        return new MatchSourceIds([.. noted], [.. unnoted], listed.Count);
    }

    private static bool IsMatchSource(string? sourceId) =>
        HasKey(sourceId, IndicatorSources.Seeker) || HasKey(sourceId, IndicatorSources.Post);

    private static bool HasKey(string? sourceId, string kind) =>
        sourceId is not null && sourceId.Length > kind.Length + 1
        && sourceId.StartsWith(kind, StringComparison.Ordinal) && sourceId[kind.Length] == '/';
}
