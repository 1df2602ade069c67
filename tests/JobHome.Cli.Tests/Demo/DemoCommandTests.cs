using System.CommandLine;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;

namespace JobHome.Cli.Tests.Demo;

public sealed partial class DemoCommandTests : IDisposable
{
    // people.csv is the one file with (synthetic) ID-card numbers and phones; the others never hold any.
    private static readonly string[] Files = ["sites.csv", "seekers.csv", "households.csv", "employers.csv", "posts.csv"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jobhome-demo-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static List<string[]> Rows(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public async Task Demo_Xinfeng_WritesFilesWithExactHeadersAnd217CountySites()
    {
        var (code, _, error) = await Run("demo", "--xinfeng", "--out", _dir);
        Assert.True(code == 0, error);
        Assert.Equal(Files.Append("people.csv").Order(), Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
        Assert.Equal("seeker_id,id_number,phone,status,status_since", File.ReadLines(Path.Combine(_dir, "people.csv")).First());
        Assert.Equal(Rows(Path.Combine(_dir, "seekers.csv")).Select(r => r[0]), Rows(Path.Combine(_dir, "people.csv")).Select(r => r[0]));
        Assert.Equal("code,name,kind,parent_code,lat,lon,rural", File.ReadLines(Path.Combine(_dir, "sites.csv")).First());
        Assert.Equal("id,name,birth_date,gender,education,occupations,skills,expected_pay_min,lat,lon,rural,availability,key_groups", File.ReadLines(Path.Combine(_dir, "seekers.csv")).First());
        Assert.Equal("id,employer,title,occupation,openings,pay_min,pay_max,lat,lon,kind,min_education,age_min,age_max,skills,opened",
            File.ReadLines(Path.Combine(_dir, "posts.csv")).First());
        Assert.Equal("id,site_code,members,zero_employment,registered_on", File.ReadLines(Path.Combine(_dir, "households.csv")).First());
        Assert.Equal("id,name,credit_code,site_code,lat,lon", File.ReadLines(Path.Combine(_dir, "employers.csv")).First());
        var sites = Rows(Path.Combine(_dir, "sites.csv"));
        Assert.Equal(219, sites.Count);
        Assert.Equal(217, sites.Count(r => r[0].StartsWith("360722", StringComparison.Ordinal)));
        Assert.Equal(157, sites.Count(r => r[2] == "village"));
        Assert.Equal(40, sites.Count(r => r[2] == "community"));
        Assert.Equal(17, sites.Count(r => r[2] == "township"));
        Assert.Single(sites, r => r[2] == "industrial_park" && r[1] == "高新技术开发区就业之家");
        Assert.Single(sites, r => r[2] == "school" && r[1] == "新阳技工学校就业之家");
        Assert.Single(sites, r => r[1] == "嘉定镇就业之家");
        // The file starts with a header, not a UTF-8 byte-order mark.
        Assert.Equal((byte)'c', File.ReadAllBytes(Path.Combine(_dir, "sites.csv"))[0]);
    }

    [Fact]
    public async Task Demo_SameSeed_IdenticalBytes_DifferentSeed_Different()
    {
        var a = Path.Combine(_dir, "a");
        var b = Path.Combine(_dir, "b");
        var c = Path.Combine(_dir, "c");
        Assert.Equal(0, (await Run("demo", "--counties", "2", "--seed", "9", "--out", a)).Code);
        Assert.Equal(0, (await Run("demo", "--counties", "2", "--seed", "9", "--out", b)).Code);
        Assert.Equal(0, (await Run("demo", "--counties", "2", "--seed", "10", "--out", c)).Code);
        foreach (var f in Files)
        {
            Assert.Equal(Hash(Path.Combine(a, f)), Hash(Path.Combine(b, f)));
        }
        Assert.NotEqual(Hash(Path.Combine(a, "seekers.csv")), Hash(Path.Combine(c, "seekers.csv")));
    }

    [Fact]
    public async Task Demo_Province_FairFormatLinkedAndInsideJiangxi()
    {
        var (code, _, error) = await Run("demo", "--counties", "6", "--seed", "4", "--out", _dir);
        Assert.True(code == 0, error);
        var sites = Rows(Path.Combine(_dir, "sites.csv"));
        var codes = sites.Select(r => r[0]).ToHashSet();
        Assert.Equal(sites.Count, codes.Count);
        Assert.All(sites, r => Assert.True(r[3].Length == 0 ? r[2] == "province" : codes.Contains(r[3]), string.Join(',', r)));
        Assert.All(sites, r => Assert.True(SiteKinds.TryParse(r[2], out _)));
        Assert.Equal(217, sites.Count(r => r[0].StartsWith("360722", StringComparison.Ordinal)));
        Assert.Equal(6, sites.Count(r => r[2] == "county"));

        var seekers = Rows(Path.Combine(_dir, "seekers.csv"));
        Assert.NotEmpty(seekers);
        foreach (var r in seekers)
        {
            Assert.Equal(13, r.Length);
            Assert.True(DateOnly.TryParseExact(r[2], "yyyy-MM-dd", out _));
            Assert.Contains(r[3], new[] { "M", "F" });
            Assert.True(EducationLevels.TryParse(r[4], out _), r[4]);
            Assert.All(r[5].Split(';'), o => Assert.True(OccupationCode.TryParse(o, out var oc, out _) && oc.Depth == 4, o));
            Assert.True(int.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture) > 0);
            InJiangxi(r[8], r[9]);
            Assert.Contains(r[10], new[] { "0", "1" });
            Assert.All(r[11].Split(';'), k => Assert.True(WorkKinds.TryParse(k, out _), k));
            Assert.All(r[12].Split(';', StringSplitOptions.RemoveEmptyEntries), k => Assert.True(KeyGroupTokens.TryParse(k, out _), k));
        }

        var employers = Rows(Path.Combine(_dir, "employers.csv"));
        var employerIds = employers.Select(r => r[0]).ToHashSet();
        Assert.All(employers, r => Assert.Contains(r[3], codes));
        var posts = Rows(Path.Combine(_dir, "posts.csv"));
        var majors = new HashSet<int>();
        foreach (var r in posts)
        {
            Assert.Equal(15, r.Length);
            Assert.Contains(r[1], employerIds);
            Assert.True(OccupationCode.TryParse(r[3], out var oc, out _), r[3]);
            majors.Add(oc.Major);
            var min = int.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture);
            var max = int.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(int.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.True(min > 0 && min <= max);
            InJiangxi(r[7], r[8]);
            Assert.True(WorkKinds.TryParse(r[9], out _), r[9]);
            Assert.True(EducationLevels.TryParse(r[10], out _), r[10]);
            Assert.True(r[11].Length == 0 || int.Parse(r[11], System.Globalization.CultureInfo.InvariantCulture) >= 16);
        }
        Assert.Equal(Enumerable.Range(1, 8), majors.Order());

        var seekerIds = seekers.Select(r => r[0]).ToHashSet();
        var households = Rows(Path.Combine(_dir, "households.csv"));
        Assert.All(households, r => Assert.Contains(r[1], codes));
        Assert.Equal(seekerIds.Order(), households.SelectMany(r => r[2].Split(';')).Order());
    }

    [Fact]
    public async Task Demo_Files_NeverContainIdCardNumbersOrPhones()
    {
        Assert.Equal(0, (await Run("demo", "--xinfeng", "--out", _dir)).Code);
        foreach (var f in Files)
        {
            // Credit codes (employers.csv column 3) are 18 characters too and may be all digits; they are not personal data.
            var lines = File.ReadAllLines(Path.Combine(_dir, f));
            var text = f == "employers.csv" ? string.Join('\n', lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 2)))) : string.Join('\n', lines);
            Assert.False(IdCardLike().IsMatch(text), f);
            Assert.False(PhoneLike().IsMatch(text), f);
        }
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Theory]
    [InlineData("demo", "--counties", "3")]
    [InlineData("demo", "--counties", "0", "--out", "X")]
    [InlineData("demo", "--counties", "-4", "--out", "X")]
    [InlineData("demo", "--out", "X")]
    [InlineData("demo", "--xinfeng", "--counties", "5", "--out", "X")]
    [InlineData("demo", "--counties", "abc", "--out", "X")]
    public async Task Demo_BadArguments_NonZeroWithMessageAndNoFiles(params string[] args)
    {
        var withDir = args.Select(a => a == "X" ? _dir : a).ToArray();
        var (code, _, error) = await Run(withDir);
        Assert.Equal(1, code); // ExitCodes.Usage, as for every jobhome command
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.False(Directory.Exists(_dir) && Directory.EnumerateFiles(_dir).Any());
    }

    private static void InJiangxi(string lat, string lon)
    {
        Assert.InRange(double.Parse(lat, System.Globalization.CultureInfo.InvariantCulture), 24.5, 30.1);
        Assert.InRange(double.Parse(lon, System.Globalization.CultureInfo.InvariantCulture), 113.6, 118.5);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [GeneratedRegex(@"(?<!\d)\d{17}[\dX](?![\dA-Z])")]
    private static partial Regex IdCardLike();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex PhoneLike();
}
