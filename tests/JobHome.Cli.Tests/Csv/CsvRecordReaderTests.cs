
namespace JobHome.Cli.Tests.Csv;

public sealed class CsvRecordReaderTests
{
    private static List<CsvRecord> ReadAll(string text)
    {
        var reader = new CsvRecordReader(new StringReader(text));
        var list = new List<CsvRecord>();
        while (reader.Read() is { } r)
        {
            list.Add(r);
        }
        return list;
    }

    [Fact]
    public void Read_QuotedCommasQuotesAndNewlines_UnquotesAndKeepsLineNumbers()
    {
        var records = ReadAll("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row");

        Assert.Equal(4, records.Count);
        Assert.Equal(["x,1", "say \"hi\""], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["two\nlines", "z"], records[2].Fields);
        Assert.Equal(3, records[2].Line);
        Assert.Equal(5, records[3].Line);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Read_BlankLines_AreSkipped()
    {
        var records = ReadAll("a\n\n\nb\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(4, records[1].Line);
    }

    [Fact]
    public void Read_StrayQuote_ReportsFieldAndRule()
    {
        var records = ReadAll("a,b\"c\n");

        Assert.NotNull(records[0].Error);
        Assert.Equal(1, records[0].Error!.Value.Field);
        Assert.Contains("RFC 4180", records[0].Error!.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedQuote_ReportsMissingQuote()
    {
        var records = ReadAll("a,\"open\nnever closed");

        Assert.Contains("not closed", records[0].Error!.Value.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("张三", "张**")]
    [InlineData("欧阳娜娜", "欧**")]
    [InlineData("", "")]
    public void Mask_Name_KeepsOnlyFirstCharacter(string name, string masked) => Assert.Equal(masked, CsvText.Mask(name));
}
