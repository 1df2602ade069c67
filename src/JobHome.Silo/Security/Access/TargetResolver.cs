using JobHome.Grains;
using JobHome.Grains.Employers;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;

namespace JobHome.Silo.Security.Access;

/// <summary>Finds the sites a request touches: site codes it names and the sites of the records whose ids it names.</summary>
internal sealed class TargetResolver(IGrainFactory grains, PlacementSeekers placements)
{
    /// <summary>The targets of <paramref name="context"/>'s route values, <c>siteCode</c> query and JSON body fields.</summary>
    public async Task<List<Target>> ResolveAsync(HttpContext context, string area, byte[]? body)
    {
        var targets = new List<Target>();
        var route = context.Request.RouteValues;
        foreach (var name in new[] { "code", "siteCode" })
        {
            if (route.TryGetValue(name, out var value) && value is string code && code.Length > 0)
            {
                targets.Add(new Target(name, code, code));
            }
        }
        if (route.TryGetValue("id", out var idValue) && idValue is string id && id.Length > 0)
        {
            var site = await SiteOfAsync(area, id);
            if (site is not null || area is "seekers" or "households" or "placements" or "posts")
            {
                targets.Add(new Target("id", id, site));
            }
        }
        if (route.TryGetValue("creditCode", out var creditValue) && creditValue is string credit && credit.Length > 0)
        {
            targets.Add(new Target("creditCode", credit, (await grains.GetGrain<IEmployerGrain>(credit).GetAsync())?.SiteCode));
        }
        if (context.Request.Query.TryGetValue("siteCode", out var querySite) && querySite.ToString() is { Length: > 0 } q)
        {
            targets.Add(new Target("siteCode", q, q));
        }
        if (body is { Length: > 0 })
        {
            await AddBodyTargetsAsync(targets, body, area);
        }
        return targets;
    }

    private async Task AddBodyTargetsAsync(List<Target> targets, byte[] body, string area)
    {
        var fields = BodyFields.Read(body);
        if (fields is null)
        {
            return; // not a JSON object: the binder answers 400; nothing is written
        }
        var (siteCode, parentCode, seekerId, memberIds) = fields.Value;
        if (siteCode is not null)
        {
            targets.Add(new Target("siteCode", siteCode, siteCode));
        }
        if (area == "sites" && parentCode is not null)
        {
            targets.Add(new Target("parentCode", parentCode, parentCode));
        }
        if (seekerId is not null)
        {
            targets.Add(new Target("seekerId", seekerId, await SiteOfAsync("seekers", seekerId)));
        }
        foreach (var memberId in memberIds)
        {
            targets.Add(new Target("memberIds", memberId, await SiteOfAsync("seekers", memberId)));
        }
    }

    /// <summary>The site of the record <paramref name="id"/> of <paramref name="area"/>, or null when unknown.</summary>
    private async Task<string?> SiteOfAsync(string area, string id)
    {
        switch (area)
        {
            case "seekers":
                // The site only: no view copied, no household asked for the key groups.
                return await grains.Reference<ISeekerRecordGrain>(id).GetSiteCodeAsync();
            case "households":
                return (await grains.GetGrain<IHouseholdGrain>(id).GetAsync())?.SiteCode;
            case "placements":
                // A placement's seeker never changes: known from an earlier placement or read, it is not read again.
                if (placements.TryGet(id, out var seekerId))
                {
                    return await SiteOfAsync("seekers", seekerId);
                }
                var placement = await grains.Reference<IPlacementGrain>(id).GetAsync();
                if (placement is null)
                {
                    return null;
                }
                placements.Note(id, placement.Request.SeekerId);
                return await SiteOfAsync("seekers", placement.Request.SeekerId);
            case "posts":
                return (await grains.Reference<IPostGrain>(id).GetAsync())?.Profile.SiteCode;
            default:
                return null;
        }
    }
}
