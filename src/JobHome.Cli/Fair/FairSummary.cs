using System.Globalization;

namespace JobHome.Cli.Fair;

/// <summary>Counts and phase times of a finished <c>fair match</c> run.</summary>
internal sealed class FairSummary
{
    /// <summary>Valid seekers matched.</summary>
    public int Seekers { get; set; }

    /// <summary>Valid posts matched.</summary>
    public int Posts { get; set; }

    /// <summary>Openings over all valid posts.</summary>
    public long Openings { get; set; }

    /// <summary>Rows rejected (with --skip-invalid).</summary>
    public int RejectedRows { get; set; }

    /// <summary>Edges of the candidate graph.</summary>
    public int CandidatePairs { get; set; }

    /// <summary>Seekers given a post.</summary>
    public int Placed { get; set; }

    /// <summary>Openings taken.</summary>
    public int OpeningsFilled { get; set; }

    /// <summary>Total score in micro-points.</summary>
    public long TotalScoreMicro { get; set; }

    /// <summary>Elapsed time per phase, in order.</summary>
    public List<(string Phase, TimeSpan Elapsed)> Phases { get; } = [];

    /// <summary>Prints the summary as aligned lines.</summary>
    public void Print(TextWriter writer)
    {
        var inv = CultureInfo.InvariantCulture;
        writer.WriteLine("fair match summary (招聘会匹配结果)");
        Line(writer, "seekers (求职者)", Seekers.ToString("N0", inv));
        Line(writer, "posts (岗位)", Posts.ToString("N0", inv));
        Line(writer, "openings (招聘人数)", Openings.ToString("N0", inv));
        if (RejectedRows > 0)
        {
            Line(writer, "rejected rows (无效行)", RejectedRows.ToString("N0", inv));
        }
        Line(writer, "candidate pairs (候选配对)", CandidatePairs.ToString("N0", inv));
        Line(writer, "placed (匹配成功)", Placed.ToString("N0", inv));
        Line(writer, "openings filled (已补岗位)", OpeningsFilled.ToString("N0", inv));
        Line(writer, "total score (总分)", ScoreText.FromMicro(TotalScoreMicro));
        foreach (var (phase, elapsed) in Phases)
        {
            Line(writer, $"time {phase}", string.Create(inv, $"{elapsed.TotalMilliseconds:0} ms"));
        }
    }

    // Labels are padded to a terminal width of 30 columns; CJK characters take two columns each.
    private static void Line(TextWriter writer, string label, string value) =>
        writer.WriteLine($"  {label}{new string(' ', Math.Max(1, 30 - DisplayWidth(label)))}{value}");

    private static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            width += c is >= '\u2E80' and <= '\uFFEF' ? 2 : 1;
        }
        return width;
    }
}
