using System.Buffers;
using System.Text;

namespace JobHome.Fair.Csv;

/// <summary>
/// Reads RFC 4180 records: comma-separated, fields optionally in double quotes, <c>""</c> for a quote inside
/// quotes, line breaks allowed inside quotes, CRLF or LF between records. Keeps the physical line number of
/// every record so errors can point at it. Blank lines are skipped.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private static readonly SearchValues<char> PlainStops = SearchValues.Create(",\r\n\"");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\n\"");
    private readonly TextReader _reader = reader;
    private readonly StringBuilder _field = new();
    private readonly char[] _buffer = new char[1 << 16];
    private int _pos;
    private int _len;
    private int _line = 1;

    /// <summary>Reads the next record, or null at the end of the input.</summary>
    public CsvRecord? Read()
    {
        while (true)
        {
            var record = ReadOne();
            if (record is null)
            {
                return null;
            }
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0 && record.Error is null)
            {
                continue;
            }
            return record;
        }
    }

    private CsvRecord? ReadOne()
    {
        var c = Next();
        if (c == -1)
        {
            return null;
        }
        var start = _line;
        var fields = new List<string>();
        (int, string)? error = null;
        var inQuotes = false;
        var wasQuoted = false;
        _field.Clear();
        while (true)
        {
            if (c == -1)
            {
                if (inQuotes)
                {
                    error ??= (fields.Count, "a quoted field is not closed before the end of the file (missing \")");
                }
                fields.Add(_field.ToString());
                break;
            }
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (Peek() == '"')
                    {
                        Next();
                        _field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }
                    _field.Append(ch);
                    AppendRun(QuotedStops);
                }
            }
            else if (ch == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
                wasQuoted = false;
            }
            else if (ch == '\r' || ch == '\n')
            {
                if (ch == '\r' && Peek() == '\n')
                {
                    Next();
                }
                _line++;
                fields.Add(_field.ToString());
                break;
            }
            else if (ch == '"')
            {
                if (_field.Length == 0 && !wasQuoted)
                {
                    inQuotes = true;
                    wasQuoted = true;
                }
                else
                {
                    error ??= (fields.Count, "a double quote inside a field that is not quoted as a whole; "
                        + "write the field as \"...\" with \"\" for each quote (RFC 4180)");
                    _field.Append(ch);
                }
            }
            else
            {
                if (wasQuoted)
                {
                    error ??= (fields.Count, "text after the closing quote of a quoted field (RFC 4180)");
                }
                _field.Append(ch);
                AppendRun(PlainStops);
            }
            c = Next();
        }
        return new CsvRecord(start, fields, error);
    }

    // Copies the run of ordinary characters that follows in the buffer in one go.
    private void AppendRun(SearchValues<char> stops)
    {
        var rest = _buffer.AsSpan(_pos, _len - _pos);
        var n = rest.IndexOfAny(stops);
        if (n < 0)
        {
            n = rest.Length;
        }
        _field.Append(rest[..n]);
        _pos += n;
    }

    // Reading a block at a time avoids a virtual call per character.
    private int Next()
    {
        if (_pos == _len && !Fill())
        {
            return -1;
        }
        return _buffer[_pos++];
    }

    private int Peek()
    {
        if (_pos == _len && !Fill())
        {
            return -1;
        }
        return _buffer[_pos];
    }

    private bool Fill()
    {
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }
}
