using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Scoring;

public class FactorNamesTests
{
    [Fact]
    public void Tokens_EveryFactor_LowerCaseEnumNameInFactorOrder()
    {
        var factors = Enum.GetValues<Factor>();
        Assert.Equal(factors.Length, FactorNames.Tokens.Count);
        foreach (var factor in factors)
        {
            Assert.Equal(factor.ToString().ToLowerInvariant(), FactorNames.Tokens[(int)factor]);
            Assert.Equal(FactorNames.Tokens[(int)factor], FactorNames.Token(factor));
        }
    }

    [Fact]
    public void Chinese_Occupation_MatchesExplanationText()
    {
        var factors = new FactorVector(1, 0, 0, 0, 0);
        var explained = Scorer.Explain(factors, ScoringModel.Default);
        Assert.Equal("职业匹配 1.00 ×0.40", explained[0].Chinese);
        Assert.Equal("occupation match 1.00 ×0.40", explained[0].English);
        Assert.Equal("职业匹配", FactorNames.Chinese(Factor.Occupation));
    }

    [Fact]
    public void Token_UnknownFactor_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FactorNames.Token((Factor)5));
}
