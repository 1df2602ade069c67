using BenchmarkDotNet.Attributes;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>Scores one (seeker, post) pair: encoded features (hot path) and explanation.</summary>
[MemoryDiagnoser]
public class MatchingScoreBenchmarks
{
    private Scorer _scorer = null!;
    private SeekerFeatures[] _seekers = null!;
    private PostFeatures[] _posts = null!;
    private MatchSeeker _seeker = null!;
    private MatchPost _post = null!;
    private int _i;

    /// <summary>Builds 1,024 nearby pairs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = new MatchingData(1);
        var vocabulary = new SkillVocabulary();
        _scorer = new Scorer(ScoringModel.Default, new MatchOptions(MatchingData.AsOf, MaxKm: 1000));
        _seekers = [.. data.Seekers(1024).Select(s => new SeekerFeatures(s, vocabulary))];
        _posts = [.. data.Posts(1024).Select(p => new PostFeatures(p, vocabulary))];
        _seeker = data.Seeker(0) with { Availability = JobHome.Domain.Work.WorkKind.FullTime };
        _post = data.Post(0) with { Location = _seeker.Location, Kind = JobHome.Domain.Work.WorkKind.FullTime, AgeMin = null, AgeMax = null, MinEducation = JobHome.Domain.People.EducationLevel.None };
    }

    /// <summary>Eligibility + factors + score of one encoded pair.</summary>
    [Benchmark]
    public double ScorePair()
    {
        var i = _i++ & 1023;
        _scorer.TryScore(_seekers[i], _posts[i], out var score);
        return score;
    }

    /// <summary>Full explanation (allocates).</summary>
    [Benchmark]
    public int ExplainPair() => _scorer.Explain(_seeker, _post).Count;
}
