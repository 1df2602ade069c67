using JobHome.Cli.Import;

namespace JobHome.Cli.Tests.Import;

public sealed class ImportTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jobhome-import-table-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Open_HeaderLacksColumns_NamesEveryMissingOne()
    {
        var path = Write("posts.csv", "id,employer,title\nP1,E1,t\n");
        var error = Assert.Throws<InvalidDataException>(() => ImportTable.Open(path, ImportRunner.Required["posts.csv"]));
        Assert.Equal("posts.csv header lacks column(s) occupation, openings, pay_min, pay_max, lat, lon, kind, min_education, age_min, "
            + "age_max, skills", error.Message);
    }

    [Fact]
    public void Next_ColumnsByNameInAnyOrder_NumbersListsAndProblems()
    {
        var path = Write("sites.csv", "rural,lon,lat,parent_code,kind,name,code\n1,114.9,x25,360000,village,\"A, B\",C1\n");
        using var table = ImportTable.Open(path, ImportRunner.Required["sites.csv"]);

        var row = table.Next()!;
        Assert.Equal("C1", row.Text("code"));
        Assert.Equal("A, B", row.Text("name"));
        Assert.True(row.Flag("rural"));
        Assert.Equal(114.9, row.Number<double>("lon", "must be a number", "location (位置)"));
        Assert.Null(row.Number<double>("lat", "must be a number", "location (位置)"));
        var problem = Assert.Single(row.Problems);
        Assert.Equal(new ImportReject("sites.csv", 2, "lat", "x25", "must be a number [location (位置)]"), problem);
        Assert.Null(table.Next());
    }

    [Fact]
    public void List_SemicolonSeparated_TrimsAndDropsEmpty()
    {
        var path = Write("households.csv", "id,site_code,members\nH1,S, a ; b;;c \n");
        using var table = ImportTable.Open(path, ImportRunner.Required["households.csv"]);
        Assert.Equal(["a", "b", "c"], table.Next()!.List("members"));
    }

    [Fact]
    public void Reject_LongValue_CutTo60()
    {
        var cells = new ImportReject("f.csv", 3, "title", new string('x', 80), "too long").Cells();
        Assert.Equal(["f.csv", "3", "title", new string('x', 60), "too long"], cells);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
