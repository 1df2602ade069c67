namespace JobHome.Fair.Csv;

/// <summary>One problem found in an input file: where it is, the (masked) value and the rule it breaks.</summary>
/// <param name="File">File name as shown to the user (no directory).</param>
/// <param name="Line">1-based physical line where the record starts.</param>
/// <param name="Column">Column name, or <c>(header)</c> / <c>(row)</c> for problems of the whole header or record.</param>
/// <param name="Value">The offending value, already masked where it is personal data.</param>
/// <param name="Reason">The rule, in English with the Chinese term.</param>
internal sealed record CsvIssue(string File, int Line, string Column, string Value, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{File} line {Line}, column {Column}: value \"{Value}\" — {Reason}";
}
