using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;
using JobHome.Grains.Employers;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using JobHome.Grains.Sites;
using JobHome.Silo.Api.Placements;
using JobHome.Silo.Api.Posts;
using JobHome.Silo.Api.Seekers;
using JobHome.Silo.Hosting;
using JobHome.Storage.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;

namespace JobHome.Benchmarks.Api;

/// <summary>
/// Console helper <c>time-api REQUESTS ROUNDS [SILO_PORT GATEWAY_PORT]</c>: what the HTTP API adds to a change, per
/// request, on the four change endpoints <c>jobhome load</c> drives. The real silo (the host's own configuration, pipeline
/// and embedded store, <c>--no-demo</c>) runs in this process with ASP.NET Core's test server in place of Kestrel; each
/// round sends REQUESTS requests of each kind as the admin (16 at a time), and makes the same changes again by calling
/// the grains the handlers call, from the silo's grain factory (<c>RegisterAndGetAsync</c>, <c>OpenAndGetAsync</c>,
/// <c>PlaceAndGetAsync</c>, <c>EndAndGetAsync</c>). Per request: bytes allocated by the whole process
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise) and the process's CPU time; the difference between the two
/// ways is the API's share (authentication, rate limits, access rules, body checks, binding, JSON, the audit record, and
/// the in-process client's own side of the request, the same in any build). The order of the two ways alternates per
/// round; the grains' background work a change sets off runs in both (it varies with timing: the new records' numbers are
/// not exact). Then the same placements and ends are sent again ("again": answered as the first time, nothing changes,
/// no background work follows): their difference is the API's cost of a placement and an end request, exactly.
/// </summary>
public static class ApiRequestCost
{
    private const int Concurrent = 16;
    private const string Password = "time-api-admin-1";
    private const string Village = "V3607220101";

    /// <summary>Handles <c>time-api</c>; returns false for other arguments.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 1 || args[0] is not ("time-api" or "time-api-loop"))
        {
            return false;
        }
        if (args[0] == "time-api-loop")
        {
            // time-api-loop SECONDS [SILO_PORT GATEWAY_PORT]: the placements and ends sent again in a loop, for a profiler
            // attached to this process (prints its id and when the loop starts).
            var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
            var loopSilo = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 11851;
            var loopGateway = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30851;
            RunAsync(200, 0, loopSilo, loopGateway, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult();
            return true;
        }
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var siloPort = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 11851;
        var gatewayPort = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 30851;
        RunAsync(requests, rounds, siloPort, gatewayPort).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(int requests, int rounds, int siloPort, int gatewayPort, TimeSpan? loop = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "jobhome-time-api-" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--data", data, "--no-demo", $"--JobHome:SiloPort={siloPort}", $"--JobHome:GatewayPort={gatewayPort}",
            "--JobHome:OrleansDashboard=false", $"--JobHome:AdminPassword={Password}",
        ];
        if (loop is not null)
        {
            // The loop outruns the account's and the address's permits per minute; the limiters' work per request is the same.
            args = [.. args, "--JobHome:Security:PermitsPerAccountPerMinute=100000000",
                "--JobHome:Security:PermitsPerAddressPerMinute=100000000"];
        }
        var builder = SiloHost.CreateBuilder(args);
        // As the silo's appsettings.json (not copied here): no log line per request.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Orleans", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        var options = SiloHostOptionsReader.Read(builder.Configuration);
        var tuning = SiloTuningReader.Read(builder.Configuration);
        var storage = options.ToStorageOptions();
        await StorageStartup.PrepareAsync(storage, CancellationToken.None);
        SiloHost.Configure(builder, options, storage, tuning);
        builder.Services.AddSingleton(options);
        builder.WebHost.UseTestServer();
        try
        {
            await using var app = builder.Build();
            SiloHost.Map(app, options, Stopwatch.GetTimestamp());
            await app.StartAsync();
            using var http = app.GetTestClient();
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            await SignInAsync(http);
            var employer = await SetUpAsync(grains);
            using var anonymous = app.GetTestClient();
            var runner = new Runner(http, anonymous, grains, employer, requests);

            await runner.RoundAsync(httpFirst: true, print: false); // warm-up: JIT, activations, caches
            if (loop is { } duration)
            {
                await runner.LoopAsync(duration);
                await app.StopAsync();
                return;
            }
            var results = new List<Dictionary<string, (double Bytes, double CpuUs)>>();
            Console.WriteLine("round kind way: bytes per request, µs CPU per request | load");
            for (var round = 0; round < rounds; round++)
            {
                results.Add(await runner.RoundAsync(httpFirst: round % 2 == 0, print: true));
            }
            Console.WriteLine("median over rounds: kind: HTTP bytes, direct bytes, API bytes | HTTP µs, direct µs, API µs (CPU per request)");
            foreach (var kind in Runner.Kinds)
            {
                var h = Median(results.Select(r => r[kind + " http"]));
                var d = Median(results.Select(r => r[kind + " direct"]));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind}: {h.Bytes:F0}, {d.Bytes:F0}, {h.Bytes - d.Bytes:F0} | {h.CpuUs:F0}, {d.CpuUs:F0}, {h.CpuUs - d.CpuUs:F0}"));
            }
            Console.WriteLine("median over rounds: requests without a grain: bytes | µs CPU (per request)");
            foreach (var kind in Runner.FloorKinds)
            {
                var f = Median(results.Select(r => r[kind]));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: {f.Bytes:F0} | {f.CpuUs:F0}"));
            }
            await app.StopAsync();
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static (double Bytes, double CpuUs) Median(IEnumerable<(double Bytes, double CpuUs)> values)
    {
        var list = values.ToList();
        var bytes = list.Select(v => v.Bytes).Order().ToList();
        var cpu = list.Select(v => v.CpuUs).Order().ToList();
        return (bytes[bytes.Count / 2], cpu[cpu.Count / 2]);
    }

    private static async Task SignInAsync(HttpClient http)
    {
        // The admin account is created just after the silo starts.
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.PostAsync(new Uri("/api/auth/token", UriKind.Relative),
                new StringContent($"{{\"username\":\"admin\",\"password\":\"{Password}\"}}", Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                http.DefaultRequestHeaders.Authorization =
                    new AuthenticationHeaderValue("Bearer", answer.RootElement.GetProperty("accessToken").GetString());
                return;
            }
            if (attempt > 300)
            {
                throw new InvalidOperationException($"no admin token: {(int)response.StatusCode}");
            }
            await Task.Delay(100);
        }
    }

    // The site tree down to one village and one employer there.
    private static async Task<string> SetUpAsync(IGrainFactory grains)
    {
        SiteProfile[] sites =
        [
            new("P36", "江西省就业之家", SiteKind.Province, null, 28.68, 115.86, false),
            new("C3607", "赣州市就业之家", SiteKind.City, "P36", 25.83, 114.93, false),
            new("X360722", "信丰县就业之家", SiteKind.County, "C3607", 25.39, 114.92, false),
            new("T36072201", "嘉定镇就业之家", SiteKind.Township, "X360722", 25.38, 114.93, false),
            new(Village, "花园村就业之家", SiteKind.Village, "T36072201", 25.37, 114.94, true),
        ];
        foreach (var site in sites)
        {
            Check((await grains.GetGrain<ISiteGrain>(site.Code).RegisterAsync(site)).Succeeded, site.Code);
        }
        var code = UnifiedSocialCreditCode.Create("91360722000000001").Value;
        Check((await grains.GetGrain<IEmployerGrain>(code).RegisterAsync(new EmployerProfile("信丰电子有限公司", Village, 25.37, 114.94)))
            .Succeeded, code);
        return code;
    }

    private static void Check(bool succeeded, string what)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException($"{what} failed");
        }
    }

    private sealed class Runner(HttpClient http, HttpClient anonymous, IGrainFactory grains, string employer, int requests)
    {
        public static readonly string[] Kinds = ["seeker", "post", "placement", "end", "placement again", "end again"];

        // Requests that reach no endpoint and no grain (POST to a path outside /api: 404): the pipeline's floor with the
        // in-process client's side, without and with the bearer token (the difference: authentication and the account's
        // rate limit).
        public static readonly string[] FloorKinds = ["floor, no token", "floor, token"];

        private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
        private int _sequence;
        private int _round;
        private (string[] Seekers, string[] Posts, string[] Placements) _lastHttp;

        public async Task<Dictionary<string, (double Bytes, double CpuUs)>> RoundAsync(bool httpFirst, bool print)
        {
            _round++;
            var results = new Dictionary<string, (double, double)>();
            // Each way makes its own seekers and posts, then places each seeker in a post and ends the placement.
            var ways = httpFirst ? new[] { true, false } : [false, true];
            var made = new Dictionary<bool, (string[] Seekers, string[] Posts, string[] Placements)>();
            foreach (var viaHttp in ways)
            {
                var bodies = Enumerable.Range(0, requests).Select(_ => NextSeeker()).ToArray();
                var seekers = new string[requests];
                results[Key("seeker", viaHttp)] = await MeasureAsync(i => viaHttp
                    ? PostAsync("/api/seekers", bodies[i].Body, id => seekers[i] = id)
                    : RegisterAsync(bodies[i], id => seekers[i] = id));
                var posts = new string[requests];
                results[Key("post", viaHttp)] = await MeasureAsync(i => viaHttp
                    ? PostAsync("/api/posts", PostBody(), id => posts[i] = id)
                    : OpenAsync(id => posts[i] = id));
                var placements = Enumerable.Range(0, requests)
                    .Select(i => $"pl-{_round}-{(viaHttp ? "h" : "d")}-{i}").ToArray();
                made[viaHttp] = (seekers, posts, placements);
                if (viaHttp)
                {
                    _lastHttp = made[viaHttp];
                }
                await PlaceAndEndAsync(results, viaHttp, made[viaHttp], string.Empty);
            }
            // The same placements and ends sent again: answered as before (201, 200) with nothing changed, so no grain
            // work follows them and the difference between the ways is the API's alone (after the changes' background
            // work has settled).
            await Task.Delay(TimeSpan.FromSeconds(5));
            foreach (var viaHttp in ways)
            {
                await PlaceAndEndAsync(results, viaHttp, made[viaHttp], " again");
            }
            results[FloorKinds[0]] = await MeasureAsync(_ => FloorAsync(anonymous));
            results[FloorKinds[1]] = await MeasureAsync(_ => FloorAsync(http));
            if (print)
            {
                var load = File.ReadAllText("/proc/loadavg").Trim();
                foreach (var (key, value) in results)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{_round - 1} {key}: {value.Item1:F0} B, {value.Item2:F0} µs | {load}"));
                }
            }
            return results;
        }

        /// <summary>
        /// After a round: the round's placements and ends sent again, 16 at a time, for <paramref name="duration"/>; prints
        /// this process's id first (attach a profiler then) and the bytes per request at the end.
        /// </summary>
        public async Task LoopAsync(TimeSpan duration)
        {
            var (seekers, posts, placements) = _lastHttp;
            await Task.Delay(TimeSpan.FromSeconds(5));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loop start: pid {Environment.ProcessId}, {duration.TotalSeconds:F0} s of placements and ends sent again"));
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            long sent = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                for (var start = 0; start < requests; start += Concurrent)
                {
                    var tasks = new Task[Math.Min(Concurrent, requests - start)];
                    for (var k = 0; k < tasks.Length; k++)
                    {
                        var i = start + k;
                        tasks[k] = i % 2 == 0
                            ? PostAsync("/api/placements", Serialize(new PlacementBody(seekers[i], posts[i], Today, placements[i])), _ => { })
                            : PostAsync($"/api/placements/{placements[i]}/end", Serialize(new PlacementEndBody(Today, "completed")), _ => { });
                    }
                    await Task.WhenAll(tasks);
                    sent += tasks.Length;
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loop end: {sent} requests, {(GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)sent:F0} B per request"));
        }

        private static async Task FloorAsync(HttpClient client)
        {
            using var content = new ByteArrayContent("{}"u8.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri("/no-such-page", UriKind.Relative), content);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"floor: {(int)response.StatusCode}");
            }
        }

        // Places each seeker in its post, then ends each placement.
        private async Task PlaceAndEndAsync(Dictionary<string, (double, double)> results, bool viaHttp,
            (string[] Seekers, string[] Posts, string[] Placements) made, string suffix)
        {
            var (seekers, posts, placements) = made;
            results[Key("placement" + suffix, viaHttp)] = await MeasureAsync(i => viaHttp
                ? PostAsync("/api/placements", Serialize(new PlacementBody(seekers[i], posts[i], Today, placements[i])), _ => { })
                : PlaceAsync(placements[i], seekers[i], posts[i]));
            results[Key("end" + suffix, viaHttp)] = await MeasureAsync(i => viaHttp
                ? PostAsync($"/api/placements/{placements[i]}/end", Serialize(new PlacementEndBody(Today, "completed")), _ => { })
                : EndAsync(placements[i]));
        }

        private static string Key(string kind, bool viaHttp) => kind + (viaHttp ? " http" : " direct");

        // Per request: process bytes allocated and CPU time over the requests, 16 at a time.
        private async Task<(double Bytes, double CpuUs)> MeasureAsync(Func<int, Task> request)
        {
            var process = Process.GetCurrentProcess();
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            for (var start = 0; start < requests; start += Concurrent)
            {
                var tasks = new Task[Math.Min(Concurrent, requests - start)];
                for (var k = 0; k < tasks.Length; k++)
                {
                    tasks[k] = request(start + k);
                }
                await Task.WhenAll(tasks);
            }
            process.Refresh();
            var cpuUs = (process.TotalProcessorTime - cpu).TotalMicroseconds / requests;
            return ((GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)requests, cpuUs);
        }

        private async Task PostAsync(string path, byte[] body, Action<string> created)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            if (response.Headers.Location is { } location)
            {
                var text = location.OriginalString;
                created(text[(text.LastIndexOf('/') + 1)..]);
            }
        }

        private async Task RegisterAsync((SeekerRegistration Registration, byte[] Body) seeker, Action<string> created)
        {
            var id = $"sk-direct-{Interlocked.Increment(ref _sequence)}";
            var answer = await grains.GetGrain<ISeekerGrain>(id).RegisterAndGetAsync(seeker.Registration);
            Check(answer.Result.Succeeded, id);
            created(id);
        }

        private async Task OpenAsync(Action<string> created)
        {
            var id = $"post-direct-{Interlocked.Increment(ref _sequence)}";
            var answer = await grains.GetGrain<IPostGrain>(id).OpenAndGetAsync(
                new PostProfile(Village, employer, "负载测试岗位", "6-25-04-01", 1, 3000, 5000, 25.37, 114.94, WorkKind.FullTime));
            Check(answer.Result.Succeeded, id);
            created(id);
        }

        private async Task PlaceAsync(string id, string seeker, string post) =>
            Check((await grains.GetGrain<IPlacementGrain>(id).PlaceAndGetAsync(new PlacementRequest(seeker, post, Today))).Result.Succeeded, id);

        private async Task EndAsync(string id) =>
            Check((await grains.GetGrain<IPlacementGrain>(id).EndAndGetAsync(new PlacementEnd(Today, PlacementEndReason.Completed)))
                .Result.Succeeded, id);

        // A registration as `jobhome load` sends it (unemployed 30 days, senior school, one occupation, full-time, rural).
        private (SeekerRegistration Registration, byte[] Body) NextSeeker()
        {
            var birth = new DateOnly(1990, 1, 1).AddDays(Interlocked.Increment(ref _sequence) % 3000);
            var idCard = IdCardNumber.Create("360722", birth, 1 + (_sequence / 3000 % 900));
            var since = Today.AddDays(-30);
            var registration = new SeekerRegistration(Village, "王小明", idCard.RevealFullNumber(), birth, idCard.Gender,
                EducationLevel.Senior, LabourStatus.Unemployed, since)
            {
                Occupations = ["6-25-04-01"],
                ExpectedPayMin = 3000,
                Lat = 25.37,
                Lon = 114.94,
                Rural = true,
                Availability = WorkKind.FullTime,
            };
            var body = Serialize(new SeekerRequest(Village, "王小明", idCard.RevealFullNumber(), null, birth,
                idCard.Gender == Gender.Male ? "M" : "F", "senior", ["6-25-04-01"], [], 3000, 25.37, 114.94, true, ["full_time"], [],
                "unemployed", since));
            return (registration, body);
        }

        private byte[] PostBody() => Serialize(new PostRequest(Village, employer, "负载测试岗位", "6-25-04-01", 1, 3000, 5000, 25.37, 114.94,
            "full_time", Skills: []));

        private static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);
    }
}
