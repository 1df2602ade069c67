namespace JobHome.Fair.Csv;

/// <summary>One record of a CSV file with the physical line it starts on.</summary>
/// <param name="Line">1-based line number of the record's first character.</param>
/// <param name="Fields">The unquoted field values.</param>
/// <param name="Error">A quoting problem in the record, with the 0-based field it was found in.</param>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, (int Field, string Message)? Error);
