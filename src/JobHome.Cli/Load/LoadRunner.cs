using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using JobHome.Cli.Http;
using JobHome.Domain.Employers;
using JobHome.Domain.People;

namespace JobHome.Cli.Load;

/// <summary>
/// Drives realistic changes against a live network at a fixed rate: registrations 40 %, new posts 10 %, placements 40 %,
/// ends 10 % (a placement or an end with nothing to act on becomes a registration). Seekers, posts and placements are
/// the run's own (registered under the sites of <c>--site</c>'s subtree), so the run never disturbs existing records'
/// state. While it runs it reads the root site's live feed to time each placement until the root's cumulative
/// <c>placements</c> shows it (<see cref="LatencyTracker"/>).
/// </summary>
internal sealed class LoadRunner(ApiClient api, string rootSite, int rate, int seconds, ulong seed, IProgress<long> progress,
    CpuMeter? siloCpu = null)
{
    /// <summary>
    /// Requests in flight at most; beyond it the schedule waits for a free slot (the change is counted late) until the
    /// run's time is up.
    /// </summary>
    public const int MaxInFlight = 512;

    /// <summary>
    /// Employers the run's posts are spread over (each at a random site of the run). With one, every new post's
    /// <c>AddPostAsync</c> queued on that single employer grain (one state write each, one at a time): at 30 posts/s
    /// after a province restart its queue passed Orleans' 30-s call timeout (benchmarks.md, 30 Nov 04:37).
    /// </summary>
    public const int Employers = 32;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明"];
    private static readonly string[] Occupations = ["4-01-02-01", "6-01-01", "4-03-02-01", "6-18-01-01", "4-07-02-01"];

    private readonly ConcurrentDictionary<string, long> _succeeded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _examples = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unemployed = new();
    private readonly ConcurrentQueue<(string Id, int Left)> _posts = new();
    private readonly ConcurrentQueue<(string Id, string SeekerId)> _placements = new();
    private readonly Random _random = new((int)(seed & 0x7fffffff));
    // ID-card numbers must be new to the network on every run (one registration per number): the region's last four
    // digits and the sequence's offset are drawn per run, outside the seeded traffic mix (~10 million combinations).
    private readonly string _region = string.Create(CultureInfo.InvariantCulture, $"36{Random.Shared.Next(10_000):0000}");
    private readonly int _sequenceOffset = Random.Shared.Next(999);
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);
    private long _counter;
    private string[] _sites = [];
    // Each site's location: a run's seekers and posts are placed at their site, so they land in the site's matching cell
    // (all at one point, every registration of a province run went to one partition and noted every site there).
    private readonly Dictionary<string, (double Lat, double Lon)> _locations = new(StringComparer.Ordinal);
    private string[] _employers = [];

    /// <summary>Runs the load; returns the report.</summary>
    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        var (warmSeekers, warmPosts) = await WarmUpAsync(cancellationToken).ConfigureAwait(false);
        var before = await PlacementsAsync(cancellationToken).ConfigureAwait(false);
        var tracker = new LatencyTracker(before);
        using var feedStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var feed = ReadFeedAsync(tracker, feedStop.Token);

        var total = (long)rate * seconds;
        // One second of grace after the schedule's end for changes that are merely a little late.
        var window = TimeSpan.FromSeconds(seconds + 1);
        using var gate = new SemaphoreSlim(MaxInFlight);
        var inFlight = new ConcurrentDictionary<long, Task>();
        long late = 0, done = 0, started = 0;
        using var clientCpu = CpuMeter.OfThisProcess();
        siloCpu?.Restart();
        var clock = Stopwatch.StartNew();
        // The run lasts --seconds (plus the grace): changes not started by then because the server is behind are not
        // offered (reported as missed), so a saturated server still ends the run on time.
        for (long i = 0; i < total && clock.Elapsed < window; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            if (!gate.Wait(0, CancellationToken.None))
            {
                late++;
                var remaining = window - clock.Elapsed;
                if (remaining <= TimeSpan.Zero || !await gate.WaitAsync(remaining, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
            started++;
            var kind = Draw();
            var index = i;
            inFlight[index] = Task.Run(async () =>
            {
                try
                {
                    await ChangeAsync(kind, tracker, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                    inFlight.TryRemove(index, out _);
                    progress.Report(Interlocked.Increment(ref done));
                }
            }, CancellationToken.None);
        }
        await Task.WhenAll(inFlight.Values).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        var clientCpuUsed = clientCpu.Elapsed;
        var siloCpuUsed = siloCpu?.TryElapsed();

        // Give the tiers up to 10 s to show the last placements at the root, then stop reading the feed.
        var settle = Stopwatch.StartNew();
        while (tracker.Pending > 0 && settle.Elapsed < TimeSpan.FromSeconds(10) && !feed.IsCompleted)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        await feedStop.CancelAsync().ConfigureAwait(false);
        await feed.ConfigureAwait(false);
        var after = await PlacementsAsync(cancellationToken).ConfigureAwait(false);
        return new LoadReport(elapsed, rate, new Dictionary<string, long>(_succeeded), new Dictionary<string, long>(_errors), late,
            before, after, tracker.Sorted(), tracker.Pending)
        {
            ErrorExamples = new Dictionary<string, string>(_examples),
            Missed = total - started,
            WarmUpSeekers = warmSeekers,
            WarmUpPosts = warmPosts,
            ClientCpu = clientCpuUsed,
            SiloCpu = siloCpuUsed,
        };
    }

    private string Draw()
    {
        lock (_random)
        {
            var r = _random.NextDouble();
            return r < 0.4 ? "registration" : r < 0.5 ? "post" : r < 0.9 ? "placement" : "end";
        }
    }

    // A site whose answer carries no location falls back to Xinfeng's centre (where every record of a run used to go).
    private double LatOf(string site) => _locations.TryGetValue(site, out var at) ? at.Lat : 25.38;

    private double LonOf(string site) => _locations.TryGetValue(site, out var at) ? at.Lon : 114.92;

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var sites = await LoadSites.CollectAsync(api, rootSite, cancellationToken).ConfigureAwait(false);
        _sites = sites.Codes;
        foreach (var (code, at) in sites.Locations)
        {
            _locations[code] = at;
        }
        if (_sites.Length == 0)
        {
            throw new ApiException(0, $"site {rootSite} has no village, community or township below it to register seekers at");
        }
        var employers = new List<(string Credit, string Site)>(Employers);
        lock (_random)
        {
            var codes = new HashSet<string>(StringComparer.Ordinal);
            while (employers.Count < Employers)
            {
                var org = new char[9];
                for (var k = 0; k < 9; k++)
                {
                    org[k] = UnifiedSocialCreditCode.Alphabet[_random.Next(k < 8 ? 10 : UnifiedSocialCreditCode.Alphabet.Length)];
                }
                var credit = UnifiedSocialCreditCode.Create("91" + _region + new string(org)).Value;
                if (codes.Add(credit))
                {
                    employers.Add((credit, _sites[_random.Next(_sites.Length)]));
                }
            }
        }
        await Parallel.ForEachAsync(employers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (employer, ct) => await api.PostAsync("api/employers", LoadEmployer.At(employer.Credit, employer.Site),
                LoadJson.Default.LoadEmployer, LoadJson.Default.LoadCreated, ct).ConfigureAwait(false)).ConfigureAwait(false);
        _employers = [.. employers.Select(static e => e.Credit)];
    }

    /// <summary>
    /// Registers a few seekers and opens a few posts before the timed run (not counted), so placements have something to
    /// act on from the first second even when the server answers slowly.
    /// </summary>
    private async Task<(int Seekers, int Posts)> WarmUpAsync(CancellationToken cancellationToken)
    {
        var seekers = Math.Clamp(rate / 2, 5, 200);
        var posts = Math.Clamp(rate / 20, 2, 50);
        var work = Enumerable.Repeat(true, seekers).Concat(Enumerable.Repeat(false, posts));
        int seekersDone = 0, postsDone = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (isSeeker, ct) =>
            {
                try
                {
                    if (isSeeker)
                    {
                        await RegisterAsync(ct).ConfigureAwait(false);
                        Interlocked.Increment(ref seekersDone);
                    }
                    else
                    {
                        await OpenPostAsync(ct).ConfigureAwait(false);
                        Interlocked.Increment(ref postsDone);
                    }
                }
                catch (ApiException e) when (e.Status is 0 or >= 500)
                {
                    // A server failing in the first seconds (a restart's rebuilds) is what the run measures: counted as an
                    // error of the run, not a reason to stop it.
                    var status = e.Status == 0 ? "no answer" : e.Status.ToString(CultureInfo.InvariantCulture);
                    var key = $"warm-up {(isSeeker ? "registration" : "post")} {status}";
                    _errors.AddOrUpdate(key, 1, (_, n) => n + 1);
                    _examples.TryAdd(key, e.Message);
                }
            }).ConfigureAwait(false);
        return (seekersDone, postsDone);
    }

    private async Task<long> PlacementsAsync(CancellationToken cancellationToken) =>
        (await api.GetAsync<JsonElement>($"api/indicators/{Uri.EscapeDataString(rootSite)}", cancellationToken).ConfigureAwait(false))
            .GetProperty("placements").GetInt64();

    private async Task ReadFeedAsync(LatencyTracker tracker, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.OpenStreamAsync($"api/indicators/{Uri.EscapeDataString(rootSite)}/live", cancellationToken)
                .ConfigureAwait(false);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    using var data = JsonDocument.Parse(line.AsMemory(5));
                    tracker.Observe(data.RootElement.GetProperty("placements").GetInt64());
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (Exception e) when (e is ApiException or IOException or HttpRequestException or JsonException)
        {
            _errors.AddOrUpdate($"live feed: {e.Message}", 1, (_, n) => n + 1);
        }
    }

    private async Task ChangeAsync(string kind, LatencyTracker tracker, CancellationToken cancellationToken)
    {
        var done = kind;
        try
        {
            switch (kind)
            {
                case "post":
                    await OpenPostAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case "placement" when _unemployed.TryDequeue(out var seeker):
                    if (!_posts.TryDequeue(out var post))
                    {
                        _unemployed.Enqueue(seeker);
                        goto default;
                    }
                    await PlaceAsync(seeker, post, tracker, cancellationToken).ConfigureAwait(false);
                    break;
                case "end" when _placements.TryDequeue(out var placement):
                    await api.PostAsync($"api/placements/{placement.Id}/end", LoadEnd.Completed(_today), LoadJson.Default.LoadEnd,
                        LoadJson.Default.LoadCreated, cancellationToken).ConfigureAwait(false);
                    _unemployed.Enqueue(placement.SeekerId);
                    break;
                default:
                    done = "registration";
                    await RegisterAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
            _succeeded.AddOrUpdate(done, 1, (_, n) => n + 1);
        }
        catch (ApiException e)
        {
            var key = $"{done} {(e.Status == 0 ? "no answer" : e.Status.ToString(CultureInfo.InvariantCulture))}";
            _errors.AddOrUpdate(key, 1, (_, n) => n + 1);
            _examples.TryAdd(key, e.Message);
        }
    }

    private async Task PlaceAsync(string seeker, (string Id, int Left) post, LatencyTracker tracker, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await api.PostAsync("api/placements", new LoadPlacement(seeker, post.Id, _today), LoadJson.Default.LoadPlacement,
                LoadJson.Default.LoadCreated, cancellationToken).ConfigureAwait(false);
            tracker.Acknowledge();
            _placements.Enqueue((IdOf(answer), seeker));
            if (post.Left > 1)
            {
                _posts.Enqueue((post.Id, post.Left - 1));
            }
        }
        catch (ApiException)
        {
            // The seeker stays available; the post is left out (full or refused).
            _unemployed.Enqueue(seeker);
            throw;
        }
    }

    private async Task OpenPostAsync(CancellationToken cancellationToken)
    {
        int openings;
        string site, occupation, employer;
        lock (_random)
        {
            openings = _random.Next(1, 8);
            site = _sites[_random.Next(_sites.Length)];
            occupation = Occupations[_random.Next(Occupations.Length)];
            employer = _employers[_random.Next(_employers.Length)];
        }
        var answer = await api.PostAsync("api/posts",
            LoadPost.FullTime(site, employer, occupation, openings, (LatOf(site), LonOf(site))),
            LoadJson.Default.LoadPost, LoadJson.Default.LoadCreated, cancellationToken).ConfigureAwait(false);
        _posts.Enqueue((IdOf(answer), openings));
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _counter);
        // Unique within the run: birth date cycles over ~40 years, the sequence over the rest.
        var birth = new DateOnly(1965, 1, 1).AddDays((int)(n % 14_600));
        var sequence = 1 + (int)((_sequenceOffset + n / 14_600) % 999);
        var idNumber = IdCardNumber.Create(_region, birth, sequence).RevealFullNumber();
        string site, name, occupation;
        lock (_random)
        {
            site = _sites[_random.Next(_sites.Length)];
            name = Surnames[_random.Next(Surnames.Length)] + Given[_random.Next(Given.Length)] + Given[_random.Next(Given.Length)];
            occupation = Occupations[_random.Next(Occupations.Length)];
        }
        var seekerRequest = LoadSeeker.Unemployed(site, name, idNumber, birth, sequence % 2 == 1, occupation, _today,
            (LatOf(site), LonOf(site)));
        var answer = await api.PostAsync("api/seekers", seekerRequest, LoadJson.Default.LoadSeeker, LoadJson.Default.LoadCreated,
            cancellationToken).ConfigureAwait(false);
        _unemployed.Enqueue(IdOf(answer));
    }

    private static string IdOf(LoadCreated answer) =>
        answer.Id is { Length: > 0 } id ? id : throw new ApiException(0, "a 201 answer without an id (缺少编号)");
}
