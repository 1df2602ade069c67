namespace JobHome.Cli.Import;

/// <summary>One line of the rejects file: <c>file,line,column,value,reason</c> (as <c>fair match --skip-invalid</c>).</summary>
internal sealed record ImportReject(string File, int Line, string Column, string Value, string Reason)
{
    /// <summary>Header of the rejects file.</summary>
    public static readonly string[] Columns = ["file", "line", "column", "value", "reason"];

    /// <summary>The cells of this reject; long values cut to 60 characters.</summary>
    public string[] Cells() =>
        [File, Line.ToString(System.Globalization.CultureInfo.InvariantCulture), Column, Value.Length > 60 ? Value[..60] : Value, Reason];
}
