namespace JobHome.Cli.Csv;

/// <summary>Checks ids: non-blank and unique within a file; ids are kept exactly as written.</summary>
internal static class CsvIds
{
    /// <summary>Returns the row's id, recording an issue when it is blank or already used.</summary>
    public static string Unique(CsvRow row, Dictionary<string, int> seen, string term)
    {
        var id = row["id"];
        if (string.IsNullOrWhiteSpace(id))
        {
            row.Fail("id", $"id ({term}) must not be empty");
        }
        else if (!seen.TryAdd(id, row.Line))
        {
            row.Fail("id", $"id ({term}) must be unique in the file; already used on line {seen[id]}");
        }
        return id;
    }
}
