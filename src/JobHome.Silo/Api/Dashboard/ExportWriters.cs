using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using JobHome.Fair.Csv;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>Writes export tables as CSV (the project's CSV writer) or as an xlsx workbook, one sheet per table.</summary>
internal static class ExportWriters
{
    /// <summary>
    /// One table as CSV: UTF-8 with a byte-order mark (so office spreadsheet programs read the Chinese right), RFC 4180
    /// quoting, invariant numbers, empty cells for none.
    /// </summary>
    public static byte[] Csv(ExportTable table)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            var csv = new CsvOutput(writer);
            csv.Row(table.Headers);
            foreach (var row in table.Rows)
            {
                csv.Row([.. row.Select(Text)]);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The tables as one workbook: numbers as numbers, text as inline strings, a bold header row.</summary>
    public static byte[] Xlsx(IReadOnlyList<ExportTable> tables)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            for (var t = 0; t < tables.Count; t++)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.AppendChild(Row([.. tables[t].Headers], header: true));
                foreach (var row in tables[t].Rows)
                {
                    data.AppendChild(Row(row, header: false));
                }
                part.Worksheet = new Worksheet(data);
                sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(t + 1), Name = tables[t].Name });
            }
        }
        return buffer.ToArray();
    }

    private static Row Row(object?[] cells, bool header)
    {
        var row = new Row();
        foreach (var value in cells)
        {
            var cell = value switch
            {
                null => new Cell(),
                long or int or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Text(value)) },
                _ => new Cell(new InlineString(new Text(Text(value)))) { DataType = CellValues.InlineString },
            };
            if (header)
            {
                cell.StyleIndex = 1;
            }
            row.AppendChild(cell);
        }
        return row;
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    // Style 0: default; style 1: bold (header row).
    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
