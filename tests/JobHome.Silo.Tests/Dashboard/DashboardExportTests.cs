using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using JobHome.Silo.Tests.Api;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Dashboard;

/// <summary>The dispatch-meeting exports (CSV and xlsx) on the real silo: contents, file names, masking, bad parameters.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardExportTests(RunningSiloFixture fixture)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(20);

    private readonly ApiDriver _api = new(fixture.Silo.Http);

    [Fact]
    public async Task ExportCsv_Children_OneRowPerChildWithIndicatorsAndAttachmentName()
    {
        var tree = await _api.CreateTreeAsync();
        await _api.RegisterSeekerAsync(tree.Village, "employed", ApiDriver.Today.AddDays(-5));
        await WaitForLabourForceAsync(tree.Township, 1);

        using var response = await _api.Http.GetAsync(new Uri($"/api/sites/{tree.County}/export?format=csv&part=children", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"dispatch-{tree.County}-{Iso(ApiDriver.Today)}-children.csv", FileName(response));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("网点编码 code,名称 name,类型 kind,就业 employed", lines[0], StringComparison.Ordinal);
        var cells = lines[1].Split(',');
        Assert.Equal([tree.Township, "嘉定镇就业之家", "township", "1", "0", "1", "1"], cells[..7]);
    }

    [Fact]
    public async Task ExportCsv_Alerts_NewestFirstWithMaskedNamesAndIdNumbersOnly()
    {
        var tree = await _api.CreateTreeAsync();
        var older = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today.AddDays(-200));
        var (_, olderBody, _) = await _api.PostAsync("/api/seekers", older);
        var newer = _api.SeekerBody(tree.Village, "unemployed", ApiDriver.Today.AddDays(-120));
        newer["name"] = "欧阳修远";
        var (_, newerBody, _) = await _api.PostAsync("/api/seekers", newer);
        var (household, _, _) = await _api.PostAsync("/api/households",
            new { siteCode = tree.Village, memberIds = new[] { olderBody!["id"]!.GetValue<string>() } });
        Assert.Equal(HttpStatusCode.Created, household);

        using var response = await _api.Http.GetAsync(new Uri($"/api/sites/{tree.County}/export?format=csv&part=alerts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"dispatch-{tree.County}-{Iso(ApiDriver.Today)}-alerts.csv", FileName(response));
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        var rows = text.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Equal(["unemployed_over_3_months_without_follow_up", newerBody!["id"]!.GetValue<string>(), tree.Village, "欧***",
            newerBody["idNumberMasked"]!.GetValue<string>(), Iso(ApiDriver.Today.AddDays(-120))], rows[0][..6]);
        Assert.Equal(Iso(ApiDriver.Today.AddDays(-200)), rows[1][5]);
        Assert.Equal(Iso(ApiDriver.Today.AddDays(-200)), rows[2][5]);
        Assert.Contains(rows, r => r[0] == "overdue_household" && r[3].Length == 0 && r[4].Length == 0);
        Assert.Contains(rows, r => r[1] == olderBody["id"]!.GetValue<string>() && r[3] == "张*");
        Assert.DoesNotContain(older["idNumber"]!.ToString()!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳修远", text, StringComparison.Ordinal);
        _api.AssertNoPersonalDataReturned();
    }

    [Fact]
    public async Task ExportXlsx_NoPart_WorkbookWithChildrenAndAlertsSheets()
    {
        var tree = await _api.CreateTreeAsync();
        await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-150));
        await WaitForLabourForceAsync(tree.Township, 1);

        using var response = await _api.Http.GetAsync(new Uri($"/api/sites/{tree.County}/export?format=xlsx", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"dispatch-{tree.County}-{Iso(ApiDriver.Today)}.xlsx", FileName(response));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToArray();
        Assert.Equal(["children", "alerts"], sheets.Select(s => s.Name!.Value!).ToArray());
        var children = Rows(workbook, sheets[0]);
        Assert.Equal(2, children.Length);
        Assert.Equal(tree.Township, CellText(children[1], 0));
        var unemployed = children[1].Elements<Cell>().ElementAt(4);
        Assert.Equal(CellValues.Number, unemployed.DataType!.Value);
        Assert.Equal("1", unemployed.CellValue!.Text);
        var alerts = Rows(workbook, sheets[1]);
        Assert.Equal(2, alerts.Length);
        Assert.Equal("unemployed_over_3_months_without_follow_up", CellText(alerts[1], 0));
        Assert.Equal("张*", CellText(alerts[1], 3));
    }

    [Theory]
    [InlineData("format=pdf&part=children", "format")]
    [InlineData("part=children", "format")]
    [InlineData("format=csv", "part")]
    [InlineData("format=xlsx&part=people", "part")]
    public async Task Export_BadParameters_Returns400NamingTheField(string query, string field)
    {
        var tree = await _api.CreateTreeAsync();

        var (status, body, _) = await _api.GetAsync($"/api/sites/{tree.County}/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([field], ApiDriver.ErrorFields(body));
    }

    [Fact]
    public async Task Export_UnknownSite_Returns404()
    {
        var (status, body, _) = await _api.GetAsync("/api/sites/NOPE-EXP/export?format=xlsx");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["code"], ApiDriver.ErrorFields(body));
    }

    private static string FileName(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"');

    private static Row[] Rows(WorkbookPart workbook, Sheet sheet) =>
        [.. ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()];

    private static string CellText(Row row, int column)
    {
        var cell = row.Elements<Cell>().ElementAt(column);
        return cell.InlineString?.Text?.Text ?? cell.CellValue?.Text ?? string.Empty;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The township's own aggregator hears of the village over the stream and a 500 ms timer: poll with a deadline.
    private async Task WaitForLabourForceAsync(string siteCode, long labourForce)
    {
        var until = DateTime.UtcNow + Propagation;
        JsonNode? last = null;
        while (DateTime.UtcNow < until)
        {
            var (_, body, _) = await _api.GetAsync($"/api/indicators/{siteCode}");
            last = body;
            if (body!["labourForce"]!.GetValue<long>() == labourForce)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{siteCode} did not reach labour force {labourForce} within {Propagation}: {last}");
    }
}
