using JobHome.Domain.Indicators;
using JobHome.Domain.Validation;
using JobHome.Grains.Employers;
using JobHome.Grains.Indicators;
using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Grains.Records;

namespace JobHome.Grains.Bulk;

/// <summary>Posts: validated (the post grain's rules for a new post, employers registered), listed, then written.</summary>
public sealed partial class BulkSiteImportGrain
{
    /// <inheritdoc />
    public async Task<BulkResult[]> ImportPostsAsync(BulkPost[] posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var results = new BulkResult?[posts.Length];
        if (!await SiteExistsAsync())
        {
            return RejectAll(posts.Length, CommandResult.NotFound("site_code", SiteCode, SiteRule));
        }
        var employerCodes = posts.Select(p => p.Profile.EmployerCode).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal)
            .ToArray();
        var employerViews = await Task.WhenAll(employerCodes.Select(c => GrainFactory.GetGrain<IEmployerGrain>(c).GetAsync()));
        var employers = employerCodes.Where((_, i) => employerViews[i] is not null).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var today = clock.Today;
        var work = new List<(int Index, PostState State)>();
        for (var i = 0; i < posts.Length; i++)
        {
            var (id, profile) = (posts[i].Id, posts[i].Profile);
            if (!seen.Add(id))
            {
                results[i] = BulkResult.Rejected(CommandResult.Conflict(id, "id", id, "appears twice in the batch", "import (批量导入)"));
                continue;
            }
            var validation = PostGrain.ValidateProfile(id, profile);
            validation.AddIf(!string.Equals(profile.SiteCode, SiteCode, StringComparison.Ordinal), "site_code",
                profile.SiteCode ?? string.Empty, $"differs from the batch's site {SiteCode}", SiteRule);
            if (!validation.IsValid)
            {
                results[i] = BulkResult.Rejected(CommandResult.Invalid(validation));
                continue;
            }
            if (!employers.Contains(profile.EmployerCode))
            {
                results[i] = BulkResult.Rejected(CommandResult.NotFound("employer", profile.EmployerCode, "employer (用人单位)"));
                continue;
            }
            var state = new PostState
            {
                Profile = profile,
                Opened = posts[i].Opened ?? today,
                MatchPartition = profile.Openings > 0 ? MatchPartitions.KeyOf(profile.Lat, profile.Lon, matching.CellDegrees) : null,
            };
            state.Indicators.Bump();
            state.Indicators.PublishedVersion = state.Indicators.Version;
            state.Indicators.PublishedSiteCode = SiteCode;
            work.Add((i, state));
        }

        // Directory first (as for seekers): a stored post is always listed.
        await Directory.PutManyAsync(IndicatorSources.Post, [.. work.Select(w => posts[w.Index].Id)], []);
        await NoteMatchSiteAsync(work.Select(w => w.State.MatchPartition));
        var written = await Task.WhenAll(work.Select(w => WritePostAsync(posts[w.Index].Id, w.State)));
        var done = new List<(string Id, PostState State)>();
        for (var j = 0; j < work.Count; j++)
        {
            var id = posts[work[j].Index].Id;
            if (StoredElsewhere(written[j].Created, written[j].State.Profile?.SiteCode, id) is { } elsewhere)
            {
                results[work[j].Index] = elsewhere;
                continue;
            }
            results[work[j].Index] = written[j].Created ? BulkResult.Created : BulkResult.Existing;
            done.Add((id, written[j].State));
        }
        await Task.WhenAll(done.GroupBy(d => d.State.Profile!.EmployerCode, StringComparer.Ordinal).Select(group =>
            GrainFactory.GetGrain<IBulkEmployerGrain>(group.Key).AddPostsAsync([.. group.Select(d => d.Id)])));
        await Indicators.ApplySourcesAsync([.. done.Select(d => new BulkSource(IndicatorSources.Id(IndicatorSources.Post, d.Id),
            d.State.Indicators.Version, PostRecordRules.Contribution(d.State)))]);
        // No post-list pushes while importing: seekers' lists are computed (exactly) on their first read.
        var open = done.Where(d => d.State.MatchPartition is not null)
            .Select(d => (d.State.MatchPartition, Record: PostRecordRules.MatchRecord(d.Id, d.State)))
            .Where(d => d.Record is not null);
        await Task.WhenAll(open.GroupBy(d => d.MatchPartition!, StringComparer.Ordinal).Select(group =>
            GrainFactory.GetGrain<IMatchPartitionGrain>(group.Key).UpsertPostsAsync([.. group.Select(d => d.Record!)])));
        return [.. results.Select(r => r!)];
    }

    private async Task<(bool Created, PostState State)> WritePostAsync(string id, PostState state)
    {
        var grainId = GrainFactory.GetGrain<IPostGrain>(id).GetGrainId();
        if (await _store.TryInsertAsync("post", grainId, state))
        {
            return (true, state);
        }
        var held = await _store.ReadAsync<PostState>("post", grainId);
        return held.State.Profile is null
            ? throw new InvalidOperationException($"Post {id} has a cleared state row.")
            : (false, held.State);
    }
}
