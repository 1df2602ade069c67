using JobHome.Cli.Tests.Support;
using static JobHome.Cli.Tests.Support.SampleData;

namespace JobHome.Cli.Tests.Fair;

/// <summary>Successful runs with the transparent fake engine: outputs, rejects, BOM, quoting, Chinese text, privacy.</summary>
public sealed class FairMatchOutputTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<CliResult> MatchAsync(params string[] extra)
    {
        string[] args = ["fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf("out/assignment.csv"), "--as-of", "2026-11-01", .. extra];
        return _cli.RunAsync(FakeFairEngine.Create, args);
    }

    private string[] Lines(string name) => File.ReadAllText(_cli.PathOf(name)).TrimEnd('\n').Split('\n');

    [Fact]
    public async Task Match_SkipInvalid_WritesRejectsAndMatchesValidRows()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader,
            Seeker("S1", name: "张三"),
            Seeker("S2", name: "李四", gender: "X", education: "phd"),
            Seeker("S3", name: "王五")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1", openings: "2"), Post("P2", openings: "0")));

        var result = await MatchAsync("--skip-invalid");

        Assert.Equal(0, result.Exit);
        Assert.Equal(
            [
                "file,line,column,value,reason",
                "seekers.csv,3,gender,X,gender (性别) must be M (男) or F (女)",
                "seekers.csv,3,education,phd,education (学历) must be one of none|primary|junior|senior|vocational|college|bachelor|master|doctor",
                "posts.csv,3,openings,0,must be at least 1 [openings (招聘人数)]",
            ],
            Lines("out/rejects.csv"));
        Assert.Equal(["seeker_id,post_id,score", "S1,P1,0.750001", "S3,P1,0.750001"], Lines("out/assignment.csv"));
        Assert.Contains("2 invalid rows skipped", result.Error, StringComparison.Ordinal);
        Assert.Contains("rejected rows", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_SkipInvalidWithNameProblem_MasksNameInRejects()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1"), Seeker("S2", name: "\"赵六\"六")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1")));

        var result = await MatchAsync("--skip-invalid", "--pairs-out", _cli.PathOf("out/pairs.csv"), "--recommendations-out", _cli.PathOf("out/recs.csv"));

        Assert.Equal(0, result.Exit);
        var rejects = File.ReadAllText(_cli.PathOf("out/rejects.csv"));
        Assert.Contains("seekers.csv,3,name,赵**,", rejects, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_cli.PathOf("out")))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("赵六", text, StringComparison.Ordinal);
            Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("赵六", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_SkipInvalidWithoutProblems_WritesEmptyRejects()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1")));

        var result = await MatchAsync("--skip-invalid");

        Assert.Equal(0, result.Exit);
        Assert.Equal(["file,line,column,value,reason"], Lines("out/rejects.csv"));
    }

    [Fact]
    public async Task Match_BomQuotesAndChineseText_AreReadAndIdsKeptExactly()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader,
            Seeker("求职-001", name: "\"欧阳, 娜娜\"", skills: "\"电工证;叉车\""),
            Seeker("S 2", name: "\"多行\n姓名\"", occupations: "\"4-01;6-01-02\"")), bom: true);
        _cli.Write("posts.csv", Table(PostHeader,
            Post("岗位\"A\"".Replace("\"", "\"\"", StringComparison.Ordinal) is var q ? $"\"{q}\"" : "", employer: "\"赣州市信丰县, 嘉定镇 就业之家\"", title: "\"保洁员\n(公益性岗位)\"", kind: "public_welfare", openings: "2")), bom: true);

        var result = await MatchAsync("--pairs-out", _cli.PathOf("out/pairs.csv"));

        Assert.True(result.Exit == 0, result.All);
        Assert.Equal(["seeker_id,post_id,score", "求职-001,\"岗位\"\"A\"\"\",0.750001", "S 2,\"岗位\"\"A\"\"\",0.750001"], Lines("out/assignment.csv"));
        Assert.False(File.ReadAllBytes(_cli.PathOf("out/assignment.csv")).AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));
    }

    [Fact]
    public async Task Match_PairsOut_ScoresSumToTotalOfAssignment()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1"), Seeker("S2", occupations: "6-01"), Seeker("S3", occupations: "4-01-02")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1"), Post("P2", occupation: "4-01-02-03"), Post("P3", lat: "26.5")));

        var result = await MatchAsync("--pairs-out", _cli.PathOf("out/pairs.csv"));

        Assert.Equal(0, result.Exit);
        var pairs = Lines("out/pairs.csv").Skip(1).Select(l => l.Split(',')).ToDictionary(f => (f[0], f[1]), f => f[2]);
        Assert.Equal(6, pairs.Count);
        Assert.DoesNotContain(("S1", "P3"), pairs.Keys);
        var assigned = Lines("out/assignment.csv").Skip(1).Select(l => l.Split(',')).ToList();
        long total = 0;
        foreach (var a in assigned)
        {
            Assert.Equal(pairs[(a[0], a[1])], a[2]);
            Assert.Matches(@"^\d\.\d{6}$", a[2]);
            total += long.Parse(a[2].Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Contains($"total score (总分)", result.Output, StringComparison.Ordinal);
        Assert.Contains(JobHome.Fair.ScoreText.FromMicro(total), result.Output, StringComparison.Ordinal);
        Assert.Matches(@"candidate pairs \(候选配对\) +6\n", result.Output);
    }

    [Fact]
    public async Task Match_Summary_ListsCountsAndPhaseTimes()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1"), Seeker("S2")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1", openings: "3")));

        var result = await MatchAsync("--recommendations-out", _cli.PathOf("out/recs.csv"));

        Assert.Equal(0, result.Exit);
        foreach (var label in new[] { "seekers (求职者)", "posts (岗位)", "openings (招聘人数)", "placed (匹配成功)", "openings filled", "time read", "time index/graph", "time solve", "time write", "time recommend" })
        {
            Assert.Contains(label, result.Output, StringComparison.Ordinal);
        }
        Assert.Contains("graph: started", result.Error, StringComparison.Ordinal);
        Assert.Equal(["seeker_id,rank,post_id,score,factors", "S1,1,P1,0.500000,occupation=0.50(职业匹配)", "S2,1,P1,0.500000,occupation=0.50(职业匹配)"], Lines("out/recs.csv"));
    }

    [Fact]
    public async Task Match_ExistingOutput_IsReplacedAndNoTempFilesRemain()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1")));
        Directory.CreateDirectory(_cli.PathOf("out"));
        File.WriteAllText(_cli.PathOf("out/assignment.csv"), "old");

        var result = await MatchAsync();

        Assert.Equal(0, result.Exit);
        Assert.Equal(["assignment.csv"], Directory.EnumerateFiles(_cli.PathOf("out")).Select(Path.GetFileName));
        Assert.StartsWith("seeker_id,post_id,score", File.ReadAllText(_cli.PathOf("out/assignment.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_InvalidInputWithExistingOutput_LeavesOldOutputUntouched()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1", gender: "?")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1")));
        Directory.CreateDirectory(_cli.PathOf("out"));
        File.WriteAllText(_cli.PathOf("out/assignment.csv"), "old");

        var result = await MatchAsync();

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Equal("old", File.ReadAllText(_cli.PathOf("out/assignment.csv")));
    }

    [Fact]
    public void Summary_ValuesStartInOneTerminalColumn_CountingChineseCharactersAsTwo()
    {
        var summary = new Cli.Fair.FairSummary { Seekers = 20_000, Posts = 6_000, Openings = 30_000, CandidatePairs = 1_000_000, Placed = 17_412, OpeningsFilled = 17_412, TotalScoreMicro = 12_345_678_901 };
        summary.Phases.Add(("read", TimeSpan.FromMilliseconds(140)));
        using var writer = new StringWriter();

        summary.Print(writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.True(lines.Count >= 8, writer.ToString());
        foreach (var line in lines)
        {
            var valueAt = System.Text.RegularExpressions.Regex.Match(line, @"^  \S.*?\S  +(\S)").Groups[1].Index;
            var width = line[..valueAt].Sum(c => c is >= '\u2E80' and <= '\uFFEF' ? 2 : 1);
            Assert.True(width == 32, $"value of '{line}' starts at column {width}, not 32");
        }
    }
}
