using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Cli;

/// <summary>
/// <c>jobhome load</c> end to end: a short run against a real silo holding a five-site chain; the report's numbers must
/// agree with the root's indicators (placements before and after, and every acknowledged placement timed).
/// </summary>
public sealed partial class LoadCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Load_ShortRun_ReportMatchesIndicators()
    {
        using var silo = SiloProcess.Start();
        await silo.WaitUntilReadyAsync();
        await RegisterChainAsync(silo);
        var url = silo.BaseAddress.ToString().TrimEnd('/');

        var result = await CliProcess.RunAsync(Deadline, "load", "--url", url, "--user", "admin", "--rate", "20", "--seconds", "4",
            "--site", "990000", "--silo-pid", silo.Id.ToString(CultureInfo.InvariantCulture));

        Assert.True(result.Exit == 0, result.ToString());
        var registrations = Number(result.Output, "registrations");
        var posts = Number(result.Output, "posts");
        var placements = Number(result.Output, "placements");
        var ends = Number(result.Output, "ends");
        Assert.Equal(0, Number(result.Output, "errors"));
        Assert.Equal(80, registrations + posts + placements + ends + Number(result.Output, "missed"));
        Assert.True(registrations + posts + placements + ends >= 40, result.ToString());
        Assert.True(registrations > 0 && posts > 0 && placements > 0, result.ToString());
        Assert.Equal(0, Number(result.Output, "990000 placements before"));
        Assert.Equal(placements, Number(result.Output, "990000 placements after"));
        var latency = LatencyLine().Match(result.Output);
        Assert.True(latency.Success, result.ToString());
        Assert.Equal(placements, long.Parse(latency.Groups["timed"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal("0", latency.Groups["unseen"].Value);
        // Both processes' CPU per change over the timed run: the silo did the work, so its share is above zero.
        var clientCpu = CpuLine("client").Match(result.Output);
        var siloCpu = CpuLine("silo").Match(result.Output);
        Assert.True(clientCpu.Success && siloCpu.Success, result.ToString());
        Assert.True(double.Parse(siloCpu.Groups["seconds"].Value, CultureInfo.InvariantCulture) > 0, result.ToString());
        Assert.True(double.Parse(siloCpu.Groups["perChange"].Value, CultureInfo.InvariantCulture) > 0, result.ToString());

        // Every registered seeker (warm-up included) is in the labour force; placed ones minus ended ones are employed.
        // The load command waits for the root's placements only; registrations and ends may still be on their way up
        // the tiers, so read until the root agrees or the deadline passes (then assert on the last read).
        var warmUp = WarmUpLine().Match(result.Output);
        Assert.True(warmUp.Success, result.ToString());
        var labourForce = registrations + long.Parse(warmUp.Groups["seekers"].Value, CultureInfo.InvariantCulture);
        var settle = Stopwatch.StartNew();
        JsonElement indicators;
        while (true)
        {
            indicators = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/indicators/990000", UriKind.Relative));
            var agrees = indicators.GetProperty("labourForce").GetInt64() == labourForce
                && indicators.GetProperty("employed").GetInt64() == placements - ends;
            if (agrees || settle.Elapsed > TimeSpan.FromSeconds(30))
            {
                break;
            }
            await Task.Delay(200);
        }
        Assert.Equal(placements, indicators.GetProperty("placements").GetInt64());
        Assert.Equal(labourForce, indicators.GetProperty("labourForce").GetInt64());
        Assert.Equal(placements - ends, indicators.GetProperty("employed").GetInt64());
    }

    [Fact]
    public async Task Load_UnknownSiloPid_ExitsOneNamingTheOption()
    {
        var result = await CliProcess.RunAsync(Deadline, "load", "--url", "http://127.0.0.1:9", "--rate", "1", "--seconds", "1",
            "--silo-pid", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(1, result.Exit);
        Assert.Contains($"--silo-pid {int.MaxValue}: no process of that id", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_BadRate_ExitsOneNamingTheOption()
    {
        var result = await CliProcess.RunAsync(Deadline, "load", "--url", "http://127.0.0.1:9", "--rate", "0", "--seconds", "1");
        Assert.Equal(1, result.Exit);
        Assert.Contains("--rate must be between 1 and 100000", result.Error, StringComparison.Ordinal);
    }

    private static async Task RegisterChainAsync(SiloProcess silo)
    {
        (string Code, string Kind, string? Parent)[] chain =
        [
            ("990000", "province", null), ("990100", "city", "990000"), ("990101", "county", "990100"),
            ("990101101", "township", "990101"), ("990101101201", "village", "990101101"),
        ];
        foreach (var (code, kind, parent) in chain)
        {
            using var response = await silo.Http.PostAsJsonAsync(new Uri("/api/sites", UriKind.Relative),
                new { code, name = $"测试{kind}就业之家", kind, parentCode = parent, lat = 25.4, lon = 114.9, rural = kind == "village" });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static long Number(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s+{Regex.Escape(label)}\s+(?<n>[\d,]+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"no '{label}' line in:\n{output}");
        return long.Parse(match.Groups["n"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"warm-up\s+(?<seekers>\d+) seekers")]
    private static partial Regex WarmUpLine();

    [GeneratedRegex(@"over (?<timed>[\d,]+) placements; (?<unseen>[\d,]+) not seen")]
    private static partial Regex LatencyLine();

    private static Regex CpuLine(string who) =>
        new($@"{who} CPU\s+(?<seconds>\d+\.\d+) s, (?<perChange>\d+\.\d+) ms per change", RegexOptions.CultureInvariant);
}
