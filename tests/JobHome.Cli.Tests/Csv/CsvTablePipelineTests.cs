using System.Text;

namespace JobHome.Cli.Tests.Csv;

public sealed class CsvTablePipelineTests : IDisposable
{
    private static readonly IReadOnlyList<string> Columns = ["id", "name", "value"];
    private static readonly IReadOnlySet<string> Masked = new HashSet<string>(StringComparer.Ordinal) { "name" };
    private readonly string _dir = Directory.CreateTempSubdirectory("jobhome-csvtable-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_PipelinedOrPlain_SameRowsAndSameIssuesInOrder()
    {
        var path = Path.Combine(_dir, "rows.csv");
        var text = new StringBuilder("id,name,value\n");
        for (var i = 0; i < 3_000; i++)
        {
            text.Append(i % 97 == 5 ? $"r{i},x\n" : i % 89 == 7 ? $"r{i},a\"b,1\n" : $"r{i},\"n{i}\",{i}\n");
        }
        File.WriteAllText(path, text.ToString());

        var (plainRows, plainIssues, plainUsable) = ReadWithRowChecks(path, pipelined: false);
        var (pipedRows, pipedIssues, pipedUsable) = ReadWithRowChecks(path, pipelined: true);

        Assert.True(plainUsable);
        Assert.True(pipedUsable);
        Assert.Equal(plainRows, pipedRows);
        Assert.Equal(plainIssues, pipedIssues);
        Assert.Contains(pipedIssues, i => i.Column == "(row)");
        Assert.Contains(pipedIssues, i => i.Column == "name");
    }

    [Fact]
    public void Read_PipelinedRowHandlerThrows_ExceptionReachesCallerWithoutHanging()
    {
        var path = Path.Combine(_dir, "many.csv");
        var text = new StringBuilder("id,name,value\n");
        for (var i = 0; i < 50_000; i++)
        {
            text.Append($"r{i},n,{i}\n");
        }
        File.WriteAllText(path, text.ToString());
        var seen = 0;

        var error = Assert.Throws<InvalidOperationException>(() => CsvTable.Read(path, Columns, Masked, [], row =>
        {
            if (++seen == 700)
            {
                throw new InvalidOperationException("row handler failed");
            }
        }, pipelined: true));

        Assert.Equal("row handler failed", error.Message);
        Assert.Equal(700, seen);
    }

    [Fact]
    public void Read_PipelinedInvalidUtf8AfterValidRows_RowsFirstThenFileIssueLast()
    {
        var path = Path.Combine(_dir, "broken.csv");
        var head = new StringBuilder("id,name,value\n");
        for (var i = 0; i < 20_000; i++)
        {
            head.Append(i == 10 ? $"r{i},x\n" : $"r{i},n,{i}\n");
        }
        byte[] bytes = [.. Encoding.UTF8.GetBytes(head.ToString()), 0xFF, 0xFE, (byte)'\n'];
        File.WriteAllBytes(path, bytes);

        var rows = new List<int>();
        var issues = new List<CsvIssue>();
        var usable = CsvTable.Read(path, Columns, Masked, issues, row => rows.Add(row.Line), pipelined: true);

        Assert.False(usable);
        Assert.Equal(2, issues.Count);
        Assert.Equal("(row)", issues[0].Column);
        Assert.Equal("(file)", issues[1].Column);
        Assert.Contains("UTF-8", issues[1].Reason, StringComparison.Ordinal);
        Assert.Equal(12, issues[0].Line);
        Assert.Equal(Enumerable.Range(2, rows.Count + 1).Where(line => line != 12), rows);
        Assert.True(rows.Count > 1_000, $"only {rows.Count} rows were handled before the failure");
    }

    // Each row also fails one cell check, so that row issues interleave with the reader's record issues.
    private static (List<int> Rows, List<CsvIssue> Issues, bool Usable) ReadWithRowChecks(string path, bool pipelined)
    {
        var rows = new List<int>();
        var issues = new List<CsvIssue>();
        var usable = CsvTable.Read(path, Columns, Masked, issues, row =>
        {
            rows.Add(row.Line);
            if (row.Line % 50 == 0)
            {
                row.Fail("name", "name (姓名) test rule");
            }
        }, pipelined);
        return (rows, issues, usable);
    }
}
