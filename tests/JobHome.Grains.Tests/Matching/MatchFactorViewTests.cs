using System.Globalization;
using System.Text.Json;
using JobHome.Grains.Matching;
using JobHome.Matching.Congestion;
using JobHome.Matching.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// List items carry numbers and make their words when read: the words are exactly those the texts used to be, the JSON
/// body is the same, a view survives Orleans' serializer, and a view written by a silo of the earlier version (texts in
/// fields 3 and 4, no numbers) is read with its texts.
/// </summary>
public sealed class MatchFactorViewTests
{
    private static readonly Serializer Binary = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(MatchItem).Assembly).AddAssembly(typeof(MatchFactorViewTests).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void LinearFactor_SameNumbers_OneSharedViewWithThoseNumbers_OthersNever()
    {
        var random = new Random(9);
        var shared = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var factor = (Factor)random.Next(FactorVector.Count);
            // Few values and weights (shared often), with near neighbours that must never pass for them; −0 beside 0.
            var value = random.Next(4) switch { 0 => 0.25 * random.Next(5), 1 => Math.BitIncrement(0.5), 2 => -0.0, _ => random.NextDouble() };
            var weight = random.Next(2) == 0 ? 0.4 : 0.25;
            var contribution = weight * value;
            var first = MatchFactorView.Of(factor, value, contribution, weight);
            var again = MatchFactorView.Of(new FactorContribution(factor, value, contribution, weight));
            shared += ReferenceEquals(first, again) ? 1 : 0;
            foreach (var view in new[] { first, again })
            {
                Assert.Equal(FactorNames.Token(factor), view.Factor);
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(view.Value));
                Assert.Equal(BitConverter.DoubleToInt64Bits(contribution), BitConverter.DoubleToInt64Bits(view.Contribution));
                Assert.Equal(BitConverter.DoubleToInt64Bits(weight), BitConverter.DoubleToInt64Bits(view.Weight));
                Assert.Null(view.Place);
                Assert.Null(view.HeldChinese);
            }
        }
        Assert.True(shared > 15_000, $"{shared} of 20,000 shared");
    }

    [Fact]
    public void CongestionReason_SameNumbers_SharedViewAndArrayWithThoseNumbersAndWords_OthersNever()
    {
        // Few places and prices (shared often, and many colliding in the table), with near neighbours that must never pass
        // for them (the next double, −0 beside 0, a shown cutoff beside none); interleaved, so a slot changes hands often.
        var random = new Random(17);
        double Near(double x) => random.Next(3) switch { 0 => x, 1 => Math.BitIncrement(x), _ => x == 0 ? -0.0 : x };
        var shared = 0;
        for (var i = 0; i < 30_000; i++)
        {
            var cutoff = random.Next(4) == 0 ? Near(0.61) : 0;
            var reason = new ListedReason(PostListKind.Aware, 1 + random.Next(20), 1 + random.Next(50), Near(0.25 * random.Next(3)),
                Near(0.5 * random.Next(6)), random.Next(3) == 0 ? Near(0.021) : 0, cutoff, cutoff > 0 ? Near(0.55) : 0);
            var view = MatchFactorView.Congestion(reason);
            var again = MatchFactorView.Congestion(reason);
            var alone = MatchFactorView.Alone(view);
            // The same numbers made apart (another silo's view, or a held one): its array carries a view of its numbers.
            var copy = view with { Place = view.Place! with { } };
            var aloneCopy = MatchFactorView.Alone(copy);
            shared += ReferenceEquals(view, again) && ReferenceEquals(alone, MatchFactorView.Alone(again)) ? 1 : 0;
            foreach (var v in new[] { view, again, Assert.Single(alone), Assert.Single(aloneCopy) })
            {
                Assert.Equal("congestion", v.Factor);
                Assert.Equal(BitConverter.DoubleToInt64Bits(reason.Penalty), BitConverter.DoubleToInt64Bits(v.Value));
                Assert.Equal(BitConverter.DoubleToInt64Bits(-reason.Penalty), BitConverter.DoubleToInt64Bits(v.Contribution));
                var place = v.Place!;
                Assert.Equal((reason.Rank, reason.PlainRank), (place.Rank, place.PlainRank));
                Assert.Equal(
                    new[] { reason.PerOpening, reason.Dual, reason.Cutoff, reason.Score }.Select(BitConverter.DoubleToInt64Bits),
                    new[] { place.PerOpening, place.Dual, place.Cutoff, place.Score }.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(reason.Chinese, v.Chinese);
                Assert.Equal(reason.English, v.English);
            }
        }
        Assert.True(shared > 20_000, $"{shared} of 30,000 shared");
    }

    [Fact]
    public void Alone_ViewsNotMadeAsReasons_AreTheirOwnArray()
    {
        var made = MatchFactorView.Congestion(new ListedReason(PostListKind.Aware, 4, 2, 0.1, 1.5, 0, 0, 0));
        // A view with held texts, or other numbers beside the place, is never swapped for the made reason of its place.
        foreach (var other in new[]
                 {
                     made with { HeldChinese = "从第2位下调至第4位", HeldEnglish = "moved down from 2 to 4" },
                     made with { Weight = 0.5 },
                     made with { Contribution = 0.1 },
                     MatchFactorView.Of(Factor.Occupation, 1, 0.4, 0.4),
                 })
        {
            var alone = MatchFactorView.Alone(other);
            Assert.Same(other, Assert.Single(alone));
        }
        Assert.Equal(made, Assert.Single(MatchFactorView.Alone(made)));
    }

    [Fact]
    public void LinearFactor_WordsFromNumbers_EqualTheEarlierTexts()
    {
        var random = new Random(5);
        for (var i = 0; i < 2_000; i++)
        {
            var factor = (Factor)(i % FactorVector.Count);
            var value = i % 9 == 0 ? 0.125 * (i % 8) : random.NextDouble();
            var weight = i % 11 == 0 ? 0.005 * (i % 40) : random.NextDouble();
            var view = MatchFactorView.Of(new FactorContribution(factor, value, weight * value, weight));
            // The texts as Scorer formatted them before the words moved to the read.
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{FactorNames.Chinese(factor)} {value:0.00} ×{weight:0.00}"),
                view.Chinese);
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{FactorNames.English(factor)} {value:0.00} ×{weight:0.00}"),
                view.English);
            Assert.Equal(FactorNames.Token(factor), view.Factor);
        }
    }

    [Fact]
    public void Views_ThroughOrleansSerializer_EqualWithTheSameWords()
    {
        MatchFactorView[] views =
        [
            MatchFactorView.Of(new FactorContribution(Factor.Distance, 0.37, 0.0555, 0.15)),
            MatchFactorView.Congestion(new ListedReason(PostListKind.Aware, 3, 7, 0.042, 12.34, 0.021, 0.61, 0.55)),
            MatchFactorView.Congestion(new ListedReason(PostListKind.Aware, 2, 1, 0, 0.4, 0, 0, 0)),
            new("skills_share", 0.5, 0.12, "技能覆盖率 0.5 (+0.12)", "skills covered 0.5 (+0.12)"),
        ];
        var item = new MatchItem("post-1", 0.8, views, 0.75);
        var copy = Binary.Deserialize<MatchItem>(Binary.SerializeToArray(item))!;
        Assert.Equal(views, copy.Factors);
        Assert.Equal(views.Select(v => (v.Chinese, v.English)), copy.Factors.Select(v => (v.Chinese, v.English)));
        Assert.Equal("从第7位上调至第3位：竞争扣减0.04（每个空缺预计12.3人投递，竞争价0.02，预计录用分数线0.61高于本人得分0.55）",
            views[1].Chinese);
        Assert.Equal("moved down from 1 to 2: no congestion penalty (0.4 expected applicants per opening)", views[2].English);
    }

    [Fact]
    public void ViewOfTheEarlierVersion_TextsInFieldsThreeAndFour_ReadWithItsTexts()
    {
        var earlier = new EarlierMatchFactorView("pay", 0.5, 0.2, "薪酬匹配 0.50 ×0.40", "pay fit 0.50 ×0.40");
        var read = Binary.Deserialize<MatchFactorView>(Binary.SerializeToArray(earlier))!;
        Assert.Equal(("pay", 0.5, 0.2), (read.Factor, read.Value, read.Contribution));
        Assert.Equal(("薪酬匹配 0.50 ×0.40", "pay fit 0.50 ×0.40"), (read.Chinese, read.English));
        Assert.Null(read.Place);
    }

    [Fact]
    public void Json_SameBodyAsTheTextFields_AndReadBack()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var linear = MatchFactorView.Of(new FactorContribution(Factor.Occupation, 1, 0.4, 0.4));
        var congestion = MatchFactorView.Congestion(new ListedReason(PostListKind.Aware, 1, 2, 0, 3.25, 0, 0, 0));
        foreach (var view in new[] { linear, congestion })
        {
            var json = JsonSerializer.Serialize(view, web);
            Assert.Equal(JsonSerializer.Serialize(
                new EarlierMatchFactorView(view.Factor, view.Value, view.Contribution, view.Chinese, view.English), web), json);
            var back = JsonSerializer.Deserialize<MatchFactorView>(json, web)!;
            Assert.Equal((view.Factor, view.Value, view.Contribution, view.Chinese, view.English),
                (back.Factor, back.Value, back.Contribution, back.Chinese, back.English));
        }
        using var body = JsonDocument.Parse(JsonSerializer.Serialize(linear, web));
        Assert.Equal(["factor", "value", "contribution", "chinese", "english"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("职业匹配 1.00 ×0.40", body.RootElement.GetProperty("chinese").GetString());
    }
}

/// <summary>The shape <see cref="MatchFactorView"/> had before its words were made when read (texts as fields 3 and 4).</summary>
[GenerateSerializer, Alias("jobhome.tests.earlier-match-factor")]
public sealed record EarlierMatchFactorView(
    [property: Id(0)] string Factor,
    [property: Id(1)] double Value,
    [property: Id(2)] double Contribution,
    [property: Id(3)] string Chinese,
    [property: Id(4)] string English);
