using JobHome.Cli.Tests.Support;

namespace JobHome.Cli.Tests.Console;

/// <summary>
/// The numeric ranges of <c>jobhome import</c> and <c>jobhome load</c>, checked by the options' validators while parsing:
/// a value outside is a usage error (exit 1) naming the option, the range and the value, before any server is contacted;
/// the bounds themselves parse without errors.
/// </summary>
public sealed class OptionRangeTests : IDisposable
{
    private const string NoServer = "http://127.0.0.1:9";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("import", "--batch", "0", "--batch must be between 1 and 2000, got 0")]
    [InlineData("import", "--batch", "2001", "--batch must be between 1 and 2000, got 2001")]
    [InlineData("import", "--parallel", "0", "--parallel must be between 1 and 64, got 0")]
    [InlineData("import", "--parallel", "65", "--parallel must be between 1 and 64, got 65")]
    [InlineData("load", "--rate", "0", "--rate must be between 1 and 100000 changes per second, got 0")]
    [InlineData("load", "--rate", "100001", "--rate must be between 1 and 100000 changes per second, got 100001")]
    [InlineData("load", "--seconds", "0", "--seconds must be between 1 and 3600, got 0")]
    [InlineData("load", "--seconds", "3601", "--seconds must be between 1 and 3600, got 3601")]
    public async Task OutOfRange_IsUsageErrorWithTheMessage(string command, string option, string value, string message)
    {
        var result = await _cli.RunAsync(null, Args(command, (option, value)));
        Assert.Equal(ExitCodes.Usage, result.Exit);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:9", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BothOutOfRange_NamesBoth()
    {
        var result = await _cli.RunAsync(null, Args("import", ("--batch", "0"), ("--parallel", "99")));
        Assert.Equal(ExitCodes.Usage, result.Exit);
        Assert.Contains("--batch must be between 1 and 2000, got 0", result.Error, StringComparison.Ordinal);
        Assert.Contains("--parallel must be between 1 and 64, got 99", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import", "--batch", "1", "--parallel", "1")]
    [InlineData("import", "--batch", "2000", "--parallel", "64")]
    [InlineData("load", "--rate", "1", "--seconds", "1")]
    [InlineData("load", "--rate", "100000", "--seconds", "3600")]
    public void Bounds_ParseWithoutErrors(string command, string first, string firstValue, string second, string secondValue)
    {
        var parsed = Program.BuildRoot().Parse(Args(command, (first, firstValue), (second, secondValue)));
        Assert.Empty(parsed.Errors);
    }

    /// <summary>A valid command line for <paramref name="command"/> with <paramref name="values"/> set.</summary>
    private string[] Args(string command, params (string Option, string Value)[] values)
    {
        var options = command == "import"
            ? new Dictionary<string, string> { ["--dir"] = _cli.Dir, ["--batch"] = "1000", ["--parallel"] = "4" }
            : new Dictionary<string, string> { ["--rate"] = "10", ["--seconds"] = "5" };
        foreach (var (option, value) in values)
        {
            options[option] = value;
        }
        return [command, "--url", NoServer, .. options.SelectMany(o => new[] { o.Key, o.Value })];
    }
}
