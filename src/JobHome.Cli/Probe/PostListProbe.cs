using System.Diagnostics;
using System.Globalization;
using JobHome.Cli.Http;
using JobHome.Demo;
using JobHome.Domain.People;

namespace JobHome.Cli.Probe;

/// <summary>
/// Registers new unemployed seekers one at a time at a site (near it, with occupations from the demo catalogue) and
/// times, for each, the span from sending <c>POST /api/seekers</c> to having read its post list through
/// <c>GET /api/seekers/{id}/recommendations</c>: the "new seeker's post list ready" time of issue 9. ID-card numbers are
/// drawn from a seeded generator under a region code no resident holds (3699xx); one already registered (409) is replaced
/// by the next number and not timed. A registration or read the server fails (5xx, or no answer in time) is counted and
/// not timed, and the probe goes on, so an overloaded silo still yields its distribution and the number of failures; it
/// gives up after as many failures as the seekers asked for. The probe seekers stay registered (deregister them with
/// DELETE /api/seekers/{id}).
/// </summary>
internal sealed class PostListProbe(ApiClient api, string siteCode, int count, int k, ulong seed)
{
    /// <summary>What the probe measured; times in milliseconds.</summary>
    public sealed record Totals(int Registered, int WithPosts, int Conflicts, double[] ReadyMs, double[] RegisterMs, double[] ReadMs)
    {
        /// <summary>Registrations or reads the server failed (5xx or no answer), not timed.</summary>
        public int Failed { get; init; }

        /// <summary>The first failure's message, or null.</summary>
        public string? FirstFailure { get; init; }
    }

    /// <summary>Runs the probe; <paramref name="progress"/> is told the registrations done.</summary>
    public async Task<Totals> RunAsync(Action<int> progress, CancellationToken cancellationToken)
    {
        var site = await api.GetAsync<SiteAnswer>($"api/sites/{Uri.EscapeDataString(siteCode)}", cancellationToken).ConfigureAwait(false);
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var ready = new List<double>(count);
        var register = new List<double>(count);
        var read = new List<double>(count);
        int withPosts = 0, conflicts = 0, failed = 0;
        string? firstFailure = null;
        while (ready.Count < count)
        {
            var body = NewSeeker(random, site);
            var start = Stopwatch.GetTimestamp();
            CreatedAnswer created;
            PostListAnswer list;
            long registered;
            try
            {
                created = await api.PostAsync<CreatedAnswer>("api/seekers", body, cancellationToken).ConfigureAwait(false);
                registered = Stopwatch.GetTimestamp();
                list = await api.GetAsync<PostListAnswer>($"api/seekers/{Uri.EscapeDataString(created.Id)}/recommendations?k={k}",
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Status == 409)
            {
                conflicts++;
                continue;
            }
            catch (ApiException e) when (e.Status is 0 or >= 500 && failed + 1 < count)
            {
                failed++;
                firstFailure ??= e.Message;
                continue;
            }
            var end = Stopwatch.GetTimestamp();
            ready.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            register.Add(Stopwatch.GetElapsedTime(start, registered).TotalMilliseconds);
            read.Add(Stopwatch.GetElapsedTime(registered, end).TotalMilliseconds);
            withPosts += list.Items.Length > 0 ? 1 : 0;
            progress(ready.Count);
        }
        return new Totals(ready.Count, withPosts, conflicts, [.. ready], [.. register], [.. read])
        {
            Failed = failed,
            FirstFailure = firstFailure,
        };
    }

    private static object NewSeeker(Random random, SiteAnswer site)
    {
        var birth = new DateOnly(1970, 1, 1).AddDays(random.Next(0, 365 * 35));
        var occupations = Enumerable.Range(0, 2).Select(_ => DemoOccupations.All[random.Next(DemoOccupations.All.Count)]).ToArray();
        // Within ~5 km of the site, as the demo places people.
        var lat = site.Lat + (random.NextDouble() - 0.5) * 0.09;
        var lon = site.Lon + (random.NextDouble() - 0.5) * 0.09;
        var female = random.Next(2) == 0;
        return new
        {
            siteCode = site.Code,
            name = "测试" + random.Next(1000, 10000).ToString(CultureInfo.InvariantCulture),
            idNumber = IdNumber(random, birth, female),
            birthDate = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            gender = female ? "F" : "M",
            education = "vocational",
            occupations = occupations.Select(o => o.Code.ToString()).Distinct(StringComparer.Ordinal).ToArray(),
            skills = occupations.SelectMany(o => o.Skills).Take(2).ToArray(),
            expectedPayMin = 2500 + 100 * random.Next(0, 30),
            lat = Math.Round(lat, 5),
            lon = Math.Round(lon, 5),
            rural = false,
            availability = new[] { "full_time" },
            keyGroups = Array.Empty<string>(),
            status = "unemployed",
            statusSince = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-random.Next(1, 60))
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    // A valid 18-digit resident ID (GB 11643) that no resident holds: region codes 369901–369934 are under Jiangxi's
    // province code (what the rule checks) but no prefecture 99 exists, so a probe never claims a real person's number.
    // The sequence's last digit is even for a woman and odd for a man; sequence 000 is never issued.
    private static string IdNumber(Random random, DateOnly birth, bool female)
    {
        var sequence = random.Next(1, 500) * 2 + (female ? 0 : 1);
        var region = string.Create(CultureInfo.InvariantCulture, $"3699{random.Next(1, 35):00}");
        return IdCardNumber.Create(region, birth, sequence).RevealFullNumber();
    }

    /// <summary>The part of <c>GET /api/sites/{code}</c> the probe needs.</summary>
    private sealed record SiteAnswer(string Code, double Lat, double Lon);

    /// <summary>The id of a new seeker.</summary>
    private sealed record CreatedAnswer(string Id);

    /// <summary>A post list (only its length matters here).</summary>
    private sealed record PostListAnswer(System.Text.Json.JsonElement[] Items);
}
