using System.Collections.Concurrent;
using System.Text.Json;
using JobHome.Cli.Http;

namespace JobHome.Cli.Load;

/// <summary>
/// The sites a load run writes at: every village and community below the root (townships when there are none), with
/// their locations. Walks the tree level by level through <c>GET /api/sites/{code}/children</c>, up to
/// <see cref="Parallelism"/> requests at a time, and never asks a village or community for children (they are the
/// tree's leaves in the domain): a province of 20,032 sites costs ~1,000 requests instead of 20,033 one after the other,
/// and does not activate 20,000 site grains the run never writes to.
/// </summary>
internal sealed class LoadSites
{
    /// <summary>Children requests in flight at most.</summary>
    public const int Parallelism = 8;

    private LoadSites(string[] codes, IReadOnlyDictionary<string, (double Lat, double Lon)> locations, int requests)
    {
        Codes = codes;
        Locations = locations;
        Requests = requests;
    }

    /// <summary>The sites to write at, in code order (deterministic for a seeded run).</summary>
    public string[] Codes { get; }

    /// <summary>Each site's location, where the answer carried one.</summary>
    public IReadOnlyDictionary<string, (double Lat, double Lon)> Locations { get; }

    /// <summary>Children requests the walk made.</summary>
    public int Requests { get; }

    /// <summary>Kinds that have no children: the walk does not ask them.</summary>
    public static bool IsLeafKind(string kind) => kind is "village" or "community";

    /// <summary>Walks the tree below <paramref name="rootSite"/>.</summary>
    public static async Task<LoadSites> CollectAsync(ApiClient api, string rootSite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var found = new ConcurrentBag<(string Code, string Kind)>();
        var locations = new ConcurrentDictionary<string, (double Lat, double Lon)>(StringComparer.Ordinal);
        var level = new List<string> { rootSite };
        var requests = 0;
        while (level.Count > 0)
        {
            var next = new ConcurrentBag<string>();
            requests += level.Count;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(level, parallel, async (parent, ct) =>
            {
                var children = await api.GetAsync<JsonElement[]>($"api/sites/{Uri.EscapeDataString(parent)}/children", ct)
                    .ConfigureAwait(false)
                    ?? throw new InvalidDataException($"GET api/sites/{parent}/children answered null instead of a list of sites");
                foreach (var child in children)
                {
                    var code = child.GetProperty("code").GetString()!;
                    var kind = child.GetProperty("kind").GetString()!;
                    found.Add((code, kind));
                    if (child.TryGetProperty("lat", out var lat) && lat.ValueKind == JsonValueKind.Number
                        && child.TryGetProperty("lon", out var lon) && lon.ValueKind == JsonValueKind.Number)
                    {
                        locations[code] = (lat.GetDouble(), lon.GetDouble());
                    }
                    if (!IsLeafKind(kind))
                    {
                        next.Add(code);
                    }
                }
            }).ConfigureAwait(false);
            level = [.. next];
        }
        var sites = found.OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        string[] codes = [.. sites.Where(s => IsLeafKind(s.Kind)).Select(s => s.Code)];
        if (codes.Length == 0)
        {
            codes = [.. sites.Where(s => s.Kind is "township").Select(s => s.Code)];
        }
        return new LoadSites(codes, new Dictionary<string, (double Lat, double Lon)>(locations, StringComparer.Ordinal), requests);
    }
}
