using System.Globalization;
using System.Text;
using JobHome.Fair.Csv;

namespace JobHome.Cli.Import;

/// <summary>
/// A CSV file of the import folder read row by row by column name; required columns are checked on the header. Cells
/// that must be numbers are parsed here (a bad one rejects the row locally); every other rule is the server's.
/// </summary>
internal sealed class ImportTable : IDisposable
{
    private readonly StreamReader _reader;
    private readonly CsvRecordReader _records;
    private readonly Dictionary<string, int> _columns;

    private ImportTable(string path, StreamReader reader, CsvRecordReader records, Dictionary<string, int> columns)
    {
        Path = path;
        _reader = reader;
        _records = records;
        _columns = columns;
    }

    /// <summary>File name (for messages and rejects).</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens <paramref name="path"/> and checks that the header has every column of <paramref name="required"/>;
    /// throws <see cref="InvalidDataException"/> naming the missing ones.
    /// </summary>
    public static ImportTable Open(string path, IReadOnlyList<string> required)
    {
        var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var records = new CsvRecordReader(reader);
        var header = records.Read();
        if (header is null)
        {
            reader.Dispose();
            throw new InvalidDataException($"{System.IO.Path.GetFileName(path)} is empty: it needs a header row");
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            columns.TryAdd(header.Fields[i].Trim(), i);
        }
        var missing = required.Where(c => !columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            reader.Dispose();
            throw new InvalidDataException($"{System.IO.Path.GetFileName(path)} header lacks column(s) {string.Join(", ", missing)}");
        }
        return new ImportTable(path, reader, records, columns);
    }

    /// <summary>Number of data rows (physical lines minus the header, blank lines not counted): for progress only.</summary>
    public static long CountRows(string path) => Math.Max(0, File.ReadLines(path).Count(l => l.Length > 0) - 1);

    /// <summary>The next row, or null at the end.</summary>
    public Row? Next()
    {
        var record = _records.Read();
        return record is null ? null : new Row(this, record);
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    /// <summary>One data row.</summary>
    internal sealed class Row(ImportTable table, CsvRecord record)
    {
        private readonly List<ImportReject> _problems = [];

        /// <summary>Physical line the record starts on.</summary>
        public int Line => record.Line;

        /// <summary>Problems found reading the row (bad numbers, broken record).</summary>
        public IReadOnlyList<ImportReject> Problems => record.Error is { } error
            ? [new ImportReject(table.Name, record.Line, "(row)", string.Empty, error.Message)]
            : _problems;

        /// <summary>A text cell ("" when the row is short).</summary>
        public string Text(string column)
        {
            var i = table._columns.TryGetValue(column, out var index) ? index : -1;
            return i >= 0 && i < record.Fields.Count ? record.Fields[i] : string.Empty;
        }

        /// <summary>A text cell, null when empty.</summary>
        public string? Optional(string column) => Text(column) is { Length: > 0 } text ? text : null;

        /// <summary>A <c>;</c>-list cell.</summary>
        public string[] List(string column) =>
            [.. Text(column).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

        /// <summary>A 0/1 flag.</summary>
        public bool Flag(string column) => Number<int>(column, "must be 0 or 1", "flag (标志)") == 1;

        /// <summary>A number cell, null when empty; an unreadable one is a problem of the row.</summary>
        public T? Number<T>(string column, string problem, string rule)
            where T : struct, IParsable<T>
        {
            var text = Text(column).Trim();
            if (text.Length == 0)
            {
                return null;
            }
            if (T.TryParse(text, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            _problems.Add(new ImportReject(table.Name, record.Line, column, text, $"{problem} [{rule}]"));
            return null;
        }
    }
}
