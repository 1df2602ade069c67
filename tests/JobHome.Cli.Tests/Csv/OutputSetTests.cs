
namespace JobHome.Cli.Tests.Csv;

public sealed class OutputSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jobhome-outputset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Entries()
        => [.. Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order()!];

    [Fact]
    public void Commit_StreamedAndWholeFiles_AllInPlaceWithoutTemporaries()
    {
        using (var outputs = new OutputSet())
        {
            var streamed = outputs.Open(Path.Combine(_dir, "a.csv"));
            outputs.Write(Path.Combine(_dir, "sub", "b.csv"), writer => writer.WriteLine("b"));
            streamed.WriteLine("a");
            outputs.Commit();
        }

        Assert.Equal(["a.csv", "b.csv", "sub"], Entries());
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(_dir, "a.csv")));
        Assert.Equal("b\n", File.ReadAllText(Path.Combine(_dir, "sub", "b.csv")));
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesNoFile()
    {
        using (var outputs = new OutputSet())
        {
            outputs.Open(Path.Combine(_dir, "a.csv")).WriteLine("a");
            outputs.Write(Path.Combine(_dir, "b.csv"), writer => writer.WriteLine("b"));
        }

        Assert.Empty(Entries());
    }

    [Fact]
    public void Write_CallbackFails_ExistingTargetKeptAndNoTemporaryLeft()
    {
        File.WriteAllText(Path.Combine(_dir, "a.csv"), "old");

        var failure = Assert.Throws<IOException>(() =>
        {
            using var outputs = new OutputSet();
            outputs.Write(Path.Combine(_dir, "a.csv"), writer => writer.WriteLine("new"));
            outputs.Write(Path.Combine(_dir, "b.csv"), _ => throw new IOException("disk full"));
            outputs.Commit();
        });

        Assert.Equal("disk full", failure.Message);
        Assert.Equal(["a.csv"], Entries());
        Assert.Equal("old", File.ReadAllText(Path.Combine(_dir, "a.csv")));
    }
}
