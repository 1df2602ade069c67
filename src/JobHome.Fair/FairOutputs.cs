using System.Globalization;
using JobHome.Fair.Csv;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Fair;

/// <summary>The CSV outputs of <c>fair match</c> (formats in docs/formats.md).</summary>
internal static class FairOutputs
{
    /// <summary>Writes <c>seeker_id,post_id,score</c>: one row per placed seeker, in seekers-file order.</summary>
    public static void WriteAssignment(CsvOutput csv, FairResult result)
    {
        csv.Row("seeker_id", "post_id", "score");
        for (var seeker = 0; seeker < result.Seekers.Count; seeker++)
        {
            var edge = result.EdgeOfSeeker[seeker];
            if (edge >= 0)
            {
                csv.Row(result.Seekers[seeker].Id, result.Posts[result.Graph.EdgePost[edge]].Id,
                    ScoreText.FromMicro(result.Graph.EdgeScore[edge]));
            }
        }
    }

    /// <summary>Writes every candidate pair with the score the solver used.</summary>
    public static void WritePairs(TextWriter writer, FairResult result)
    {
        // A million rows: escape each id once and format scores without allocating.
        var graph = result.Graph;
        new CsvOutput(writer).Row("seeker_id", "post_id", "score");
        var postIds = result.Posts.Select(p => CsvText.Escape(p.Id)).ToArray();
        for (var seeker = 0; seeker < graph.SeekerCount; seeker++)
        {
            var seekerId = CsvText.Escape(result.Seekers[seeker].Id);
            for (var edge = graph.EdgeStart[seeker]; edge < graph.EdgeStart[seeker + 1]; edge++)
            {
                writer.Write(seekerId);
                writer.Write(',');
                writer.Write(postIds[graph.EdgePost[edge]]);
                writer.Write(',');
                ScoreText.WriteMicro(writer, graph.EdgeScore[edge]);
                writer.Write('\n');
            }
        }
    }

    /// <summary>Writes <c>seeker_id,rank,post_id,score,factors</c> for every seeker's recommendations.</summary>
    public static void WriteRecommendations(CsvOutput csv, FairResult result)
    {
        csv.Row("seeker_id", "rank", "post_id", "score", "factors");
        if (result.Recommendations is not { } recommendations)
        {
            return;
        }
        for (var seeker = 0; seeker < result.Seekers.Count; seeker++)
        {
            var rank = 1;
            foreach (var recommendation in recommendations[seeker])
            {
                csv.Row(result.Seekers[seeker].Id, (rank++).ToString(CultureInfo.InvariantCulture), recommendation.Id,
                    ScoreText.FromScore(recommendation.Score),
                    recommendation.Reranked is { } reranked ? FormatReasons(reranked.Reasons) : FormatFactors(recommendation.TopFactors));
            }
        }
    }

    /// <summary>
    /// Formats top factors as <c>occupation=1.00(职业匹配);distance=0.83(通勤距离)</c>: factor value in [0, 1] and its
    /// Chinese name.
    /// </summary>
    public static string FormatFactors(IReadOnlyList<FactorContribution> factors) =>
        string.Join(';', factors.Select(f => string.Create(
            CultureInfo.InvariantCulture, $"{FactorNames.Token(f.Factor)}={f.Value:0.00}({FactorNames.Chinese(f.Factor)})")));

    /// <summary>
    /// Formats a re-ranked post's reasons as <c>commute_share=0.12(+0.41)(通勤占比);…</c>: feature value, its contribution to
    /// the trees' score and its Chinese name, largest contribution first.
    /// </summary>
    public static string FormatReasons(IReadOnlyList<RerankReason> reasons) =>
        string.Join(';', reasons.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{RerankFeatureNames.Tokens[(int)r.Feature]}={r.Value:0.##}({r.Contribution:+0.00;-0.00;0.00})({RerankFeatureNames.Chinese(r.Feature)})")));

    /// <summary>Writes <c>file,line,column,value,reason</c>, one line per problem.</summary>
    public static void WriteRejects(CsvOutput csv, IReadOnlyList<CsvIssue> issues)
    {
        csv.Row("file", "line", "column", "value", "reason");
        foreach (var issue in issues)
        {
            csv.Row(issue.File, issue.Line.ToString(CultureInfo.InvariantCulture), issue.Column, issue.Value, issue.Reason);
        }
    }
}
