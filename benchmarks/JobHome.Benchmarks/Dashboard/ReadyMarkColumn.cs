using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace JobHome.Benchmarks.Dashboard;

/// <summary>
/// The page's own <c>jobhome:ready</c> mark (navigation start → tiles and children chart in, the browser's clock) over
/// the measured iterations: median and min–max, beside BenchmarkDotNet's wall time of the whole navigation.
/// </summary>
public sealed class ReadyMarkColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(ReadyMarkColumn);

    /// <inheritdoc />
    public string ColumnName => "Ready mark median (min-max)";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => false;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "The page's jobhome:ready performance mark (navigation start to tiles + children chart), browser clock, ms";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var marks = ReadyMarks.Last(benchmarkCase.Descriptor.WorkloadMethod.Name, DashboardPageConfig.Iterations);
        if (marks.Length == 0)
        {
            return "-";
        }

        Array.Sort(marks);
        var median = marks.Length % 2 == 1 ? marks[marks.Length / 2] : (marks[(marks.Length / 2) - 1] + marks[marks.Length / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{median:F0} ms ({marks[0]:F0}-{marks[^1]:F0}, n={marks.Length})");
    }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
