namespace JobHome.Fair.Csv;

/// <summary>Checks that ids are unique within a file (a rule of the file, not of one record); ids are kept exactly as written.</summary>
internal static class CsvIds
{
    /// <summary>Returns the row's id, recording an issue when it is already used; a blank id is left to the Domain's rules.</summary>
    public static string Unique(CsvRow row, Dictionary<string, int> seen, string term)
    {
        var id = row["id"];
        if (!string.IsNullOrWhiteSpace(id) && !seen.TryAdd(id, row.Line))
        {
            row.Fail("id", $"id ({term}) must be unique in the file; already used on line {seen[id]}");
        }
        return id;
    }
}
