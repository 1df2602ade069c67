namespace JobHome.Fair.Csv;

/// <summary>Writes CSV rows (UTF-8 without BOM, LF line ends, RFC 4180 quoting where needed).</summary>
internal sealed class CsvOutput(TextWriter writer)
{
    private readonly TextWriter _writer = writer;

    /// <summary>Writes one row.</summary>
    public void Row(params ReadOnlySpan<string> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }
            _writer.Write(CsvText.Escape(fields[i]));
        }
        _writer.Write('\n');
    }
}
