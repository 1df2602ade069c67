namespace JobHome.Fair.Csv;

/// <summary>What reading one input file produced: the valid rows and every problem found.</summary>
/// <param name="Items">Valid rows in file order.</param>
/// <param name="Issues">Problems, in file order.</param>
/// <param name="Usable">False when the file as a whole cannot be used (missing, not UTF-8, bad header): nothing can be skipped
/// past.</param>
internal sealed record CsvLoad<T>(IReadOnlyList<T> Items, IReadOnlyList<CsvIssue> Issues, bool Usable);
