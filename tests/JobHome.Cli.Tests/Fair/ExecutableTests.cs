using JobHome.Cli.Tests.Support;
using static JobHome.Cli.Tests.Support.SampleData;

namespace JobHome.Cli.Tests.Fair;

/// <summary>The real built executable as a child process: exit codes, streams and files.</summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Exe_InvalidPosts_ExitsTwoWithMessageAndWritesNothing()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1"), Post("P2", openings: "-2"), Post("P3")));

        var result = await ExecutableRunner.RunAsync(_cli.Dir, "fair", "match", "--seekers", "seekers.csv", "--posts", "posts.csv", "--out", "out/a.csv");

        Assert.Equal(2, result.Exit);
        Assert.Contains("posts.csv line 3, column openings: value \"-2\" — must be at least 1 [openings (招聘人数)]", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.PathOf("out")));
        Assert.DoesNotContain("张三", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exe_UnknownObjective_ExitsOne()
    {
        var result = await ExecutableRunner.RunAsync(_cli.Dir, "fair", "match", "--seekers", "s.csv", "--posts", "p.csv", "--out", "a.csv", "--objective", "best");

        Assert.Equal(1, result.Exit);
    }

    [Fact]
    public async Task Exe_ModelTrain_WritesModelAndPrintsWeights()
    {
        _cli.Write("outcomes.csv", "occupation,skills,pay,distance,priority,placed\n1,0.5,1,0.9,0,1\n0.25,0.5,0.2,0.1,0,0\n0.75,1,0.5,0.5,1,1\n0,0,1,0.3,0,0\n");

        var result = await ExecutableRunner.RunAsync(_cli.Dir, "model", "train", "--outcomes", "outcomes.csv", "--out", "model.json");

        Assert.True(result.Exit == 0, result.All);
        Assert.Contains("distance (通勤距离)", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_cli.PathOf("model.json")));
        Assert.Contains("read: done", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exe_FairMatch_WritesAssignmentAndSummary()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1"), Seeker("S2", name: "李四", occupations: "6-01")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1", openings: "2")));

        var result = await ExecutableRunner.RunAsync(_cli.Dir, "fair", "match", "--seekers", "seekers.csv", "--posts", "posts.csv", "--out", "out/a.csv", "--as-of", "2026-11-01");

        Assert.True(result.Exit == 0, result.All);
        var lines = File.ReadAllLines(_cli.PathOf("out/a.csv"));
        Assert.Equal("seeker_id,post_id,score", lines[0]);
        Assert.Equal(["S1", "S2"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("placed (匹配成功)", result.Output, StringComparison.Ordinal);
        Assert.Contains("solve: done", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("李四", result.All + File.ReadAllText(_cli.PathOf("out/a.csv")), StringComparison.Ordinal);
    }
}
