using System.CommandLine;
using System.Text;
using JobHome.Cli.Fair;

namespace JobHome.Cli.Tests.Support;

/// <summary>A temporary directory plus an in-process run of the <c>jobhome</c> command line with captured output.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Dir = Path.Combine(Path.GetTempPath(), "jobhome-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    public string PathOf(string name) => Path.Combine(Dir, name);

    public string Write(string name, string content, bool bom = false)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    internal async Task<CliResult> RunAsync(Func<string?, IFairEngine>? engine, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error };
        var exit = await Program.BuildRoot(engine).Parse(args).InvokeAsync(config);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Exit code and captured streams of one run.</summary>
public sealed record CliResult(int Exit, string Output, string Error)
{
    public string All => Output + Error;
}
