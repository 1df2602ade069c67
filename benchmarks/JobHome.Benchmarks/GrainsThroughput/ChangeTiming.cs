using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;
using JobHome.Grains;
using JobHome.Grains.Employers;
using JobHome.Grains.Hosting;
using JobHome.Grains.Indicators;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using JobHome.Grains.Sites;
using JobHome.Storage;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using JobHome.Storage.Sqlite.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace JobHome.Benchmarks.GrainsThroughput;

/// <summary>
/// Console helper <c>time-changes RATE SECONDS [CONCURRENCY]</c>: the issue's change mix (registration 40 %, new post
/// 10 %, placement 40 %, end 10 %) offered open-loop at RATE changes/s for SECONDS to one in-process silo on the embedded
/// SQLite store (a fresh file), from the cluster client, at most CONCURRENCY (default 2,000) in flight. Prints the
/// completed changes per second, refusals, errors and the village → province latency: every 100 ms a probe seeker
/// registers at a village with a status date of its own, and a poller reads the province's counts every 50 ms until
/// that date shows (from the call's start, so it includes the registration itself). <c>time-changes count N</c> counts
/// instead: per change kind, the grain calls by method, the grain state writes by grain type, the SQLite operations and
/// the indicator events applied (docs/grains.md, <i>Seventh round</i>).
/// </summary>
public static class ChangeTiming
{
    private const int Townships = 4;
    private const int VillagesEach = 5;
    private static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>Handles <c>time-changes</c>; returns false for other arguments.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 3 || args[0] != "time-changes")
        {
            return false;
        }
        if (args[1] == "count")
        {
            RunAsync(0, Parse(args[2]), 0, count: true).GetAwaiter().GetResult();
            return true;
        }
        var concurrency = args.Length > 3 ? Parse(args[3]) : 2_000;
        RunAsync(Parse(args[1]), Parse(args[2]), concurrency).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(int rate, int seconds, int concurrency, bool count = false)
    {
        var folder = Directory.CreateTempSubdirectory("jobhome-time-changes-").FullName;
        try
        {
            var builder = new InProcessTestClusterBuilder(1);
            builder.ConfigureSilo((_, silo) =>
            {
                // As the silo's hosting does (JobHomeStorageOptions.StreamDeliveryBatchSize).
                silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = Path.Combine(folder, "jobhome.db") },
                    new SqliteStreamOptions { DeliveryBatchSize = new JobHomeStorageOptions().StreamDeliveryBatchSize });
                silo.Services.AddJobHomeGrains();
                if (count)
                {
                    // Later keyed registrations win: the grains (and sharded maps) get the counting wrapper.
                    silo.Services.AddGrainStorage(StorageNames.Default,
                        static (sp, name) => new CountingGrainStorage(SqliteGrainStorage.Create(sp, name)));
                }
                silo.AddIncomingGrainCallFilter(context =>
                {
                    Interlocked.Increment(ref s_grainCalls);
                    if (count)
                    {
                        s_callsByMethod.AddOrUpdate(
                            $"{context.InterfaceMethod?.DeclaringType?.Name}.{context.InterfaceMethod?.Name}", 1, static (_, n) => n + 1);
                    }
                    return context.Invoke();
                });
            });
            await using var cluster = builder.Build();
            await cluster.DeployAsync();
            var run = new Run(cluster.Client, new Random(20261129)) { AllUnemployed = count };
            await run.SetUpAsync();
            if (count)
            {
                await CountAsync(run, cluster.Silos[0].ServiceProvider.GetRequiredService<SqliteStore>(), seconds);
                return;
            }
            Console.WriteLine(
                $"set up {run.Villages.Count} villages; offering {rate} changes/s for {seconds} s, {concurrency} in flight at most");
            await run.DriveAsync(rate, seconds, concurrency);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // Grain calls the silo ran (every incoming call: requests, one-way calls, stream deliveries), counted by a filter.
    private static long s_grainCalls;

    // With `count`: the calls per interface method, printed per kind of change.
    private static readonly ConcurrentDictionary<string, long> s_callsByMethod = new(StringComparer.Ordinal);

    // time-changes count N: N changes of each kind one after the other (every registration unemployed, so N placements and
    // N ends find a seeker), then per change attempted: the grain calls the silo ran by interface and method, the grain
    // state writes by grain type and state, the SQLite write operations and commits (state writes, stream events,
    // reminders), and the indicator events the aggregators applied; each kind measured after its trailing work
    // (post-list refreshes, aggregator reports up the tiers) had 2 s to finish; quiet periods add a few timer-driven reports.
    private static async Task CountAsync(Run run, SqliteStore store, int perKind)
    {
        long events = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == IndicatorMetrics.MeterName && instrument.Name == IndicatorMetrics.StreamLagName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref events));
        listener.Start();
        Console.WriteLine("kind          ok  refused  grain calls  state writes  SQLite ops  commits  events applied  KB allocated");
        foreach (var kind in new[] { 0, 40, 50, 90 })
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (m0, w0, c0) = (Interlocked.Read(ref s_grainCalls), store.CommittedOperations, store.CommittedBatches);
            var (e0, a0) = (Interlocked.Read(ref events), GC.GetTotalAllocatedBytes(precise: true));
            s_callsByMethod.Clear();
            CountingGrainStorage.Writes.Clear();
            var (ok, refused) = (0, 0);
            for (var i = 0; i < perKind; i++)
            {
                switch (await run.ChangeOfKindAsync(kind))
                {
                    case true: ok++; break;
                    case false: refused++; break;
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (m, w, c) = (Interlocked.Read(ref s_grainCalls) - m0, store.CommittedOperations - w0, store.CommittedBatches - c0);
            var (e, allocated) = (Interlocked.Read(ref events) - e0, (GC.GetTotalAllocatedBytes(precise: true) - a0) / 1024.0);
            var name = kind switch { 0 => "registration", 40 => "new post", 50 => "placement", _ => "end" };
            double n = Math.Max(1, ok + refused);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-13} {ok,3}  {refused,7}  {m / n,11:F2}  {CountingGrainStorage.Writes.Values.Sum() / n,12:F2}  " +
                $"{w / n,10:F2}  {c / n,7:F2}  {e / n,14:F2}  {allocated / n,12:F1}"));
            foreach (var (method, calls) in s_callsByMethod.OrderByDescending(static p => p.Value).ThenBy(static p => p.Key))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    call   {calls / n,6:F2}  {method}"));
            }
            foreach (var (state, writes) in CountingGrainStorage.Writes.OrderByDescending(static p => p.Value).ThenBy(static p => p.Key))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    write  {writes / n,6:F2}  {state}"));
            }
        }
    }

    private static int Parse(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private sealed class Run(IClusterClient client, Random random)
    {
        private static readonly DateOnly ProbeDay0 = new(2001, 1, 1);
        private readonly Dictionary<DateOnly, int> _sequences = [];
        private readonly List<string> _employers = [];
        private readonly List<string> _unemployed = [];
        private readonly List<string> _posts = [];
        private readonly List<string> _placed = [];
        private readonly object _lock = new();
        private long _next;

        public List<string> Villages { get; } = [];

        // For counting: every registration unemployed, so each placement finds a seeker.
        public bool AllUnemployed { get; init; }

        public async Task SetUpAsync()
        {
            List<SiteProfile> sites =
            [
                new("PBENCH", "基准省就业之家", SiteKind.Province, null, 28.68, 115.86, false),
                new("CBENCH", "基准市就业之家", SiteKind.City, "PBENCH", 25.83, 114.93, false),
                new("XBENCH", "基准县就业之家", SiteKind.County, "CBENCH", 25.39, 114.92, false),
            ];
            for (var t = 1; t <= Townships; t++)
            {
                sites.Add(new($"TBENCH{t:D2}", "基准镇就业之家", SiteKind.Township, "XBENCH", 25.38, 114.93, false));
                for (var v = 1; v <= VillagesEach; v++)
                {
                    var code = $"VBENCH{t:D2}{v:D2}";
                    sites.Add(new(code, "基准村就业之家", SiteKind.Village, $"TBENCH{t:D2}", 25.37, 114.94, true));
                    Villages.Add(code);
                }
            }
            foreach (var site in sites)
            {
                Check(await client.GetGrain<ISiteGrain>(site.Code).RegisterAsync(site), site.Code);
            }
            foreach (var village in Villages)
            {
                var code = UnifiedSocialCreditCode.Create($"91360722{Interlocked.Increment(ref _next):D9}").Value;
                var profile = new EmployerProfile("基准公司", village, 25.37, 114.94);
                Check(await client.GetGrain<IEmployerGrain>(code).RegisterAsync(profile), code);
                _employers.Add(code);
                var post = Id("post");
                Check(await client.GetGrain<IPostGrain>(post).OpenAsync(Post(village, code, 20)), post);
                _posts.Add(post);
            }
        }

        public async Task DriveAsync(int rate, int seconds, int concurrency)
        {
            var gate = new SemaphoreSlim(concurrency, concurrency);
            var province = client.GetGrain<ISiteIndicatorsGrain>("PBENCH");
            var probes = new ConcurrentDictionary<DateOnly, long>();
            var latencies = new ConcurrentBag<double>();
            long completed = 0, refused = 0, errors = 0, skipped = 0;
            var lags = new ConcurrentBag<double>();
            using var lagListener = ListenToRefreshLag(lags);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var (alloc0, gen0, gen2) = (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(2));
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            var poller = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested || !probes.IsEmpty)
                {
                    var counts = await province.GetCountsAsync();
                    var now = clock.ElapsedTicks;
                    foreach (var (day, started) in probes)
                    {
                        if (counts.UnemployedBySince.ContainsKey(day) && probes.TryRemove(day, out _))
                        {
                            latencies.Add((now - started) * 1000.0 / Stopwatch.Frequency);
                        }
                    }
                    if (clock.Elapsed > TimeSpan.FromSeconds(seconds + 30))
                    {
                        break;
                    }
                    // Each read copies the province's counts by status date (tens of KB): at 10 ms the harness's own reads were
                    // ~30 % of the process's allocations (gc-verbose, 30 Nov 2026), so every 50 ms (latency granularity 50 ms).
                    await Task.Delay(PollPeriod);
                }
            });
            var tasks = new List<Task>();
            long sent = 0;
            var probe = 0;
            var nextProbe = TimeSpan.Zero;
            while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                var due = (long)(clock.Elapsed.TotalSeconds * rate);
                while (sent < due)
                {
                    sent++;
                    if (!gate.Wait(0))
                    {
                        skipped++;
                        continue;
                    }
                    tasks.Add(Change().ContinueWith(t =>
                    {
                        gate.Release();
                        if (t.IsFaulted)
                        {
                            Interlocked.Increment(ref errors);
                        }
                        else if (t.Result)
                        {
                            Interlocked.Increment(ref completed);
                        }
                        else
                        {
                            Interlocked.Increment(ref refused);
                        }
                    }, TaskScheduler.Default));
                }
                if (clock.Elapsed >= nextProbe)
                {
                    nextProbe += TimeSpan.FromMilliseconds(100);
                    var day = ProbeDay0.AddDays(probe++);
                    probes[day] = clock.ElapsedTicks;
                    var village = Villages[probe % Villages.Count];
                    var registration = Registration(village, LabourStatus.Unemployed, day);
                    tasks.Add(client.GetGrain<ISeekerGrain>(Id("probe")).RegisterAsync(registration));
                }
                await Task.Delay(2);
            }
            var offeredFor = clock.Elapsed.TotalSeconds;
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            var drained = clock.Elapsed.TotalSeconds;
            await stop.CancelAsync();
            await poller;
            // Trailing post-list refreshes still due finish within a few seconds; they belong to the changes' cost.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
            var (gcs, fullGcs) = (GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2);
            var sorted = latencies.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"offered {sent} changes in {offeredFor:F1} s ({sent / offeredFor:F0}/s); " +
                $"completed {completed} ok + {refused} refused by a rule in {drained:F1} s ({(completed + refused) / drained:F0}/s); " +
                $"{errors} errors; {skipped} not sent ({concurrency} already in flight)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"process CPU {cpu / 1000:F1} s over the drive, drain and 3 s after: " +
                $"{cpu / Math.Max(1, completed + refused + errors):F2} ms per change; " +
                $"allocated {allocated / 1024.0 / Math.Max(1, completed + refused + errors):F0} KB per change, " +
                $"{gcs} GCs ({fullGcs} gen 2)"));
            var lagSorted = lags.Order().ToArray();
            Console.WriteLine(lagSorted.Length == 0
                ? "no post-list refresh recorded"
                : string.Create(CultureInfo.InvariantCulture,
                    $"post-list refresh lag (stale mark → refreshed), {lagSorted.Length} refreshes: p50 {P(lagSorted, 0.5):F0} ms, " +
                    $"p99 {P(lagSorted, 0.99):F0} ms, max {lagSorted[^1]:F0} ms"));
            Console.WriteLine(sorted.Length == 0
                ? $"no probe reached the province ({probes.Count} pending)"
                : string.Create(CultureInfo.InvariantCulture,
                    $"village → province latency, {sorted.Length} probes ({probes.Count} never arrived): p50 {P(sorted, 0.5):F0} ms, " +
                    $"p90 {P(sorted, 0.9):F0} ms, p99 {P(sorted, 0.99):F0} ms, max {sorted[^1]:F0} ms"));
        }

        private static MeterListener ListenToRefreshLag(ConcurrentBag<double> lags)
        {
            var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == PostListMetrics.MeterName && instrument.Name == PostListMetrics.RefreshLagName)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<double>((_, value, _, _) => lags.Add(value));
            listener.Start();
            return listener;
        }

        private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

        // True when the change was accepted, false when a rule refused it.
        private Task<bool> Change()
        {
            int roll;
            lock (_lock)
            {
                roll = random.Next(100);
            }
            return ChangeOfKindAsync(roll).ContinueWith(static t => t.Result ?? false, TaskScheduler.Default);
        }

        // roll < 40 registration, < 50 new post, < 90 placement, else end (the mix's shares). Null: nothing to change
        // (no unemployed seeker to place, no placement to end).
        public async Task<bool?> ChangeOfKindAsync(int roll)
        {
            int v;
            lock (_lock)
            {
                v = random.Next(Villages.Count);
            }
            var village = Villages[v];
            if (roll < 40)
            {
                var id = Id("sk");
                LabourStatus status;
                DateOnly since;
                lock (_lock)
                {
                    status = AllUnemployed || random.Next(10) < 7 ? LabourStatus.Unemployed : LabourStatus.Employed;
                    since = DateOnly.FromDateTime(DateTime.Today).AddDays(-random.Next(400));
                }
                var ok = (await client.GetGrain<ISeekerGrain>(id).RegisterAsync(Registration(village, status, since))).Succeeded;
                if (ok && status == LabourStatus.Unemployed)
                {
                    lock (_lock)
                    {
                        _unemployed.Add(id);
                    }
                }
                return ok;
            }
            if (roll < 50)
            {
                var id = Id("post");
                var ok = (await client.GetGrain<IPostGrain>(id).OpenAsync(Post(village, _employers[v], 20))).Succeeded;
                if (ok)
                {
                    lock (_lock)
                    {
                        _posts.Add(id);
                    }
                }
                return ok;
            }
            if (roll < 90)
            {
                string seeker;
                string post;
                lock (_lock)
                {
                    if (_unemployed.Count == 0)
                    {
                        return null;
                    }
                    var i = random.Next(_unemployed.Count);
                    seeker = _unemployed[i];
                    _unemployed[i] = _unemployed[^1];
                    _unemployed.RemoveAt(_unemployed.Count - 1);
                    post = _posts[random.Next(_posts.Count)];
                }
                var id = Id("pl");
                var ok = (await client.GetGrain<IPlacementGrain>(id).PlaceAsync(
                    new PlacementRequest(seeker, post, DateOnly.FromDateTime(DateTime.Today)))).Succeeded;
                if (ok)
                {
                    lock (_lock)
                    {
                        _placed.Add(id);
                    }
                }
                return ok;
            }
            string placement;
            lock (_lock)
            {
                if (_placed.Count == 0)
                {
                    return null;
                }
                var i = random.Next(_placed.Count);
                placement = _placed[i];
                _placed[i] = _placed[^1];
                _placed.RemoveAt(_placed.Count - 1);
            }
            return (await client.GetGrain<IPlacementGrain>(placement).EndAsync(
                new PlacementEnd(DateOnly.FromDateTime(DateTime.Today), PlacementEndReason.Resigned))).Succeeded;
        }

        private string Id(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next):D8}";

        private SeekerRegistration Registration(string village, LabourStatus status, DateOnly since)
        {
            DateOnly birth;
            int sequence;
            lock (_lock)
            {
                birth = new DateOnly(1970, 1, 1).AddDays(random.Next(12000));
                sequence = _sequences[birth] = _sequences.GetValueOrDefault(birth) + 1;
            }
            var idCard = IdCardNumber.Create("360722", birth, sequence);
            return new SeekerRegistration(village, "王小明", idCard.RevealFullNumber(), birth, idCard.Gender, EducationLevel.Senior,
                status, since)
            {
                Occupations = ["6-25-04-01"],
                Lat = 25.37,
                Lon = 114.94,
                Rural = true,
            };
        }

        private static PostProfile Post(string village, string employer, int openings) =>
            new(village, employer, "装配工", "6-25-04-01", openings, 3000, 4500, 25.37, 114.94, WorkKind.FullTime);

        private static void Check(CommandResult result, string what)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{what} refused: {string.Join("; ", result.Errors)}");
            }
        }
    }
}
