using JobHome.Cli.Tests.Support;
using static JobHome.Cli.Tests.Support.SampleData;

namespace JobHome.Cli.Tests.Fair;

/// <summary>Bad input files: the message names file, line, column, value and rule, and nothing is written.</summary>
public sealed class FairMatchValidationTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<CliResult> MatchAsync(string seekers, string posts, params string[] extra)
    {
        _cli.Write("seekers.csv", seekers);
        _cli.Write("posts.csv", posts);
        string[] args = ["fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf("out/assignment.csv"), "--pairs-out", _cli.PathOf("out/pairs.csv"), "--as-of", "2026-11-01", .. extra];
        return _cli.RunAsync(FakeFairEngine.Create, args);
    }

    private void AssertNothingWritten()
    {
        Assert.False(Directory.Exists(_cli.PathOf("out")) && Directory.EnumerateFileSystemEntries(_cli.PathOf("out")).Any(), "no output may be written");
    }

    private static string GoodSeekers => Table(SeekerHeader, Seeker("S1"), Seeker("S2", name: "李四"));

    private static string GoodPosts => Table(PostHeader, Post("P1"));

    [Theory]
    [InlineData("seekers", "gender", "X", "gender (性别) must be M (男) or F (女)")]
    [InlineData("seekers", "education", "phd", "education (学历) must be one of none|primary")]
    [InlineData("seekers", "occupations", "9-01", "occupations (求职意向职业) item '9-01' must start with a major group digit 1–8")]
    [InlineData("seekers", "expected_pay_min", "-100", "expected_pay_min (期望月薪下限) must be a non-negative amount")]
    [InlineData("seekers", "lat", "95.5", "must be a number of degrees between -90 and 90 [WGS-84 latitude (纬度)]")]
    [InlineData("seekers", "lon", "abc", "lon (经度) must be a decimal number of degrees (WGS-84)")]
    [InlineData("seekers", "birth_date", "1990/05/01", "birth_date (出生日期) must be a date written YYYY-MM-DD")]
    [InlineData("seekers", "rural", "yes", "rural (农村居民) must be 0 or 1")]
    [InlineData("seekers", "availability", "night_shift", "availability (可接受用工形式) items must be full_time|part_time|gig|public_welfare")]
    [InlineData("seekers", "key_groups", "vip", "key_groups (重点群体) items must be unemployed|")]
    [InlineData("posts", "occupation", "4-1-01", "occupation (职业) '4-1-01' level 2 is '1'")]
    [InlineData("posts", "openings", "-2", "must be at least 1 [openings (招聘人数)]")]
    [InlineData("posts", "openings", "1.5", "openings (招聘人数) must be a whole number")]
    [InlineData("posts", "pay_min", "三千", "pay_min (月薪下限) must be a non-negative amount")]
    [InlineData("posts", "kind", "full_time;gig", "kind (用工形式) must be exactly one of full_time|part_time|gig|public_welfare")]
    [InlineData("posts", "min_education", "Bachelor", "min_education (最低学历) must be one of")]
    [InlineData("posts", "age_min", "-1", "must be between 16 and 120 [legal working age (法定劳动年龄, 16+) and at most 120 years]")]
    [InlineData("posts", "age_min", "x", "age_min (最低年龄) must be a whole number, or empty for no limit")]
    [InlineData("posts", "employer", "", "is required [employer (用人单位)]")]
    [InlineData("posts", "title", "", "is required [post title (岗位名称)]")]
    [InlineData("posts", "age_max", "121", "must be between 16 and 120 [legal working age (法定劳动年龄, 16+) and at most 120 years]")]
    [InlineData("seekers", "birth_date", "2015-01-01",
        "gives age 11 on 2026-11-01; a seeker must be 16–120 years old [legal working age (法定劳动年龄, 16+) and at most 120 years]")]
    [InlineData("seekers", "birth_date", "1900-01-01",
        "gives age 126 on 2026-11-01; a seeker must be 16–120 years old [legal working age (法定劳动年龄, 16+) and at most 120 years]")]
    [InlineData("seekers", "name", "", "is required [real-name registration (实名制)]")]
    [InlineData("seekers", "availability", "", "must name at least one kind of work [availability (可接受用工形式)]")]
    public async Task Match_BadValue_NamesFileLineColumnValueRuleAndWritesNothing(string file, string column, string value, string rule)
    {
        string seekers, posts;
        if (file == "seekers")
        {
            var columns = SeekerHeader.Split(',');
            var row = Seeker("S2").Split(',');
            row[Array.IndexOf(columns, column)] = value;
            seekers = Table(SeekerHeader, Seeker("S1"), string.Join(',', row));
            posts = GoodPosts;
        }
        else
        {
            var columns = PostHeader.Split(',');
            var row = Post("P2").Split(',');
            row[Array.IndexOf(columns, column)] = value;
            seekers = GoodSeekers;
            posts = Table(PostHeader, Post("P1"), string.Join(',', row));
        }

        var result = await MatchAsync(seekers, posts);

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains($"{file}.csv line 3, column {column}: value \"{value}\" — {rule}", result.Error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Match_PayMinAbovePayMax_NamesBothLimits()
    {
        var result = await MatchAsync(GoodSeekers, Table(PostHeader, Post("P1", payMin: "5000", payMax: "4000")));

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("posts.csv line 2, column pay_max: value \"4000\" — is below pay_min 5000 [pay range (薪酬范围): min ≤ max]", result.Error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Match_AgeMinAboveAgeMax_IsRejected()
    {
        var result = await MatchAsync(GoodSeekers, Table(PostHeader, Post("P1", ageMin: "40", ageMax: "30")));

        Assert.Contains("posts.csv line 2, column age_max: value \"30\" — is below age_min 40 [age range (年龄要求): min ≤ max]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_DuplicateId_NamesFirstLine()
    {
        var result = await MatchAsync(Table(SeekerHeader, Seeker("S1"), Seeker("S2"), Seeker("S1")), GoodPosts);

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("seekers.csv line 4, column id: value \"S1\" — id (求职者编号) must be unique in the file; already used on line 2", result.Error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Match_WrongHeader_NamesMissingAndUnexpectedColumns()
    {
        var header = SeekerHeader.Replace(",lat,", ",latitude,", StringComparison.Ordinal);

        var result = await MatchAsync(Table(header, Seeker("S1")), GoodPosts, "--skip-invalid");

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("seekers.csv line 1, column lat: value \"\" — missing column \"lat\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("unexpected column \"latitude\"", result.Error, StringComparison.Ordinal);
        AssertNothingWritten();
        Assert.False(File.Exists(_cli.PathOf("out/rejects.csv")));
    }

    [Fact]
    public async Task Match_HeaderOutOfOrder_SaysSo()
    {
        var header = PostHeader.Replace("pay_min,pay_max", "pay_max,pay_min", StringComparison.Ordinal);

        var result = await MatchAsync(GoodSeekers, Table(header, Post("P1")));

        Assert.Contains("posts.csv line 1, column (header)", result.Error, StringComparison.Ordinal);
        Assert.Contains("out of order", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_WrongNumberOfValues_NamesRecord()
    {
        var result = await MatchAsync(Table(SeekerHeader, Seeker("S1") + ",extra"), GoodPosts);

        Assert.Contains("seekers.csv line 2, column (row): value \"14\" — the record has 14 values but the header has 13 columns", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_ManyErrors_ReportsTwentyAndCountsTheRest()
    {
        var rows = Enumerable.Range(1, 30).Select(i => Seeker($"S{i}", gender: "?")).ToArray();

        var result = await MatchAsync(Table(SeekerHeader, rows), GoodPosts);

        Assert.Equal(20, result.Error.Split('\n').Count(l => l.Contains("column gender", StringComparison.Ordinal)));
        Assert.Contains("… and 10 more problems", result.Error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Match_ErrorsInBothFiles_ReportsAll()
    {
        var result = await MatchAsync(Table(SeekerHeader, Seeker("S1", gender: "X", lat: "200")), Table(PostHeader, Post("P1", openings: "0")));

        Assert.Contains("column gender", result.Error, StringComparison.Ordinal);
        Assert.Contains("column lat", result.Error, StringComparison.Ordinal);
        Assert.Contains("posts.csv line 2, column openings: value \"0\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_NameWithBadRow_NeverShowsName()
    {
        var result = await MatchAsync(Table(SeekerHeader, Seeker("S1", name: "\"王小明\"x", gender: "X")), GoodPosts);

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("column name: value \"王**\"", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("小明", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_MissingFile_NamesIt()
    {
        _cli.Write("posts.csv", GoodPosts);

        var result = await _cli.RunAsync(FakeFairEngine.Create, "fair", "match", "--seekers", _cli.PathOf("nope.csv"), "--posts", _cli.PathOf("posts.csv"), "--out", _cli.PathOf("out/a.csv"));

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("nope.csv line 0, column (file)", result.Error, StringComparison.Ordinal);
        Assert.Contains("file not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_NotUtf8_SaysSo()
    {
        File.WriteAllBytes(_cli.PathOf("seekers.csv"), [.. System.Text.Encoding.UTF8.GetBytes(SeekerHeader + "\n"), 0xD5, 0xC5, 0xC8, 0xFD, (byte)'\n']);
        _cli.Write("posts.csv", GoodPosts);

        var result = await _cli.RunAsync(FakeFairEngine.Create, "fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"), "--out", _cli.PathOf("out/a.csv"));

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("not valid UTF-8", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--objective", "best")]
    [InlineData("--mode", "greedy")]
    [InlineData("--top", "-1")]
    [InlineData("--max-km", "0")]
    [InlineData("--as-of", "01/11/2026")]
    [InlineData("--k", "0")]
    public async Task Match_BadOption_ExitsWithUsageError(string option, string value)
    {
        var result = await MatchAsync(GoodSeekers, GoodPosts, option, value);

        Assert.Equal(ExitCodes.Usage, result.Exit);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Match_BadModelFile_NamesFileAndProblem()
    {
        _cli.Write("model.json", "{ not json");

        var result = await MatchAsync(GoodSeekers, GoodPosts, "--model", _cli.PathOf("model.json"));

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("model file model.json is not a valid model", result.Error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Match_MissingModelFile_NamesFile()
    {
        var result = await MatchAsync(GoodSeekers, GoodPosts, "--model", _cli.PathOf("absent.json"));

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("model file absent.json cannot be read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_OutputOverwritingInput_IsRefused()
    {
        _cli.Write("seekers.csv", GoodSeekers);
        _cli.Write("posts.csv", GoodPosts);

        var result = await _cli.RunAsync(FakeFairEngine.Create, "fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"), "--out", _cli.PathOf("posts.csv"));

        Assert.Equal(ExitCodes.Usage, result.Exit);
        Assert.Contains("--posts and --out name the same file posts.csv", result.Error, StringComparison.Ordinal);
        Assert.Equal(GoodPosts, File.ReadAllText(_cli.PathOf("posts.csv")));
    }

    [Theory]
    [InlineData("张,三\"x")]
    [InlineData("\"王小明")]
    [InlineData("王\"小明\"")]
    public async Task Match_MalformedNameCell_NeverShowsAnyPartOfIt(string name)
    {
        var seekers = Table(SeekerHeader, Seeker("S1"), Seeker("S2", name: name), Seeker("S3", name: "赵小六"));

        var result = await MatchAsync(seekers, GoodPosts, "--skip-invalid");

        Assert.NotEqual(0, result.Error.Length);
        foreach (var part in new[] { "三", "小明", "小六", "张三" })
        {
            Assert.DoesNotContain(part, result.All, StringComparison.Ordinal);
            if (File.Exists(_cli.PathOf("out/rejects.csv")))
            {
                Assert.DoesNotContain(part, File.ReadAllText(_cli.PathOf("out/rejects.csv")), StringComparison.Ordinal);
            }
        }
    }
}
