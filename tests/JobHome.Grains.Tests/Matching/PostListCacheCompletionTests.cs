using JobHome.Grains.Matching;
using JobHome.Matching.Congestion;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// A pushed or refreshed part's reused items are completed from the held part (<see cref="PostListCache.WithHeldFactors"/>):
/// the factors are always the answer's leading ones followed by the held item's others; when the leading ones equal the held
/// ones the held array is shared (and an item equal in every field is the held item), otherwise a new array is made.
/// </summary>
public sealed class PostListCacheCompletionTests
{
    private static readonly MatchFactorView Skill = new("skills", 0.8, 0.2, "技能匹配", "skills match");
    private static readonly MatchFactorView Pay = new("pay", 0.5, 0.1, "薪资", "pay");

    [Fact]
    public void WithHeldFactors_LeadingReasonEqual_SharesTheHeldFactorsOrTheHeldItem()
    {
        var reason = MatchFactorView.Congestion(new ListedReason(PostListKind.Aware, 1, 2, 0.05, 3.0, 0, 0.7, 0.6));
        var sameReason = MatchFactorView.Congestion(new ListedReason(PostListKind.Aware, 1, 2, 0.05, 3.0, 0, 0.7, 0.6));
        MatchItem[] held =
        [
            new("a", 0.9, [reason, Skill, Pay], 0.85),
            new("b", 0.8, [reason, Pay], 0.8),
        ];
        MatchItem[] answer =
        [
            // Equal reason (another object), same score and key: the held item itself.
            new("a", 0.9, [sameReason], 0.85),
            // Equal reason, another order key: the held factors shared by a new item.
            new("b", 0.8, [reason], 0.75),
        ];

        var completed = PostListCache.WithHeldFactors(answer, [true, true], held);

        Assert.Same(held[0], completed[0]);
        Assert.Same(held[1].Factors, completed[1].Factors);
        Assert.Equal(0.75, completed[1].OrderKey);
        Assert.Equal(["congestion", "pay"], completed[1].Factors.Select(f => f.Factor));
    }

    [Fact]
    public void WithHeldFactors_LeadingReasonDiffers_NewArrayWithTheAnswersReasonThenTheHeldFactors()
    {
        var heldReason = MatchFactorView.Congestion(new ListedReason(PostListKind.Aware, 2, 2, 0.05, 3.0, 0, 0.7, 0.6));
        var newReason = MatchFactorView.Congestion(new ListedReason(PostListKind.Aware, 1, 2, 0.05, 3.0, 0, 0.7, 0.6));
        var fresh = new MatchItem("c", 0.7, [Skill]);
        MatchItem[] held = [new("a", 0.9, [heldReason, Skill, Pay], 0.85)];
        MatchItem[] answer = [new("a", 0.9, [newReason], 0.85), fresh];

        var completed = PostListCache.WithHeldFactors(answer, [true, false], held);

        Assert.NotSame(held[0].Factors, completed[0].Factors);
        Assert.Equal([newReason, Skill, Pay], completed[0].Factors);
        Assert.Same(newReason, completed[0].Factors[0]);
        Assert.Equal([heldReason, Skill, Pay], held[0].Factors);
        Assert.Same(fresh, completed[1]);
    }

    [Fact]
    public void WithHeldFactors_PlainItemsWithoutLeadingFactors_TakeTheHeldWords()
    {
        MatchItem[] held = [new("a", 0.9, [Skill, Pay]), new("b", 0.6, [Pay])];
        MatchItem[] answer = [new("b", 0.65, []), new("a", 0.9, [])];

        var completed = PostListCache.WithHeldFactors(answer, [true, true], held);

        Assert.Equal(0.65, completed[0].Score);
        Assert.Same(held[1].Factors, completed[0].Factors);
        Assert.Same(held[0], completed[1]);
    }

    [Fact]
    public void WithHeldFactors_ReusedItemNotHeld_Throws()
    {
        MatchItem[] held = [new("a", 0.9, [Skill])];

        Assert.Throws<InvalidOperationException>(() => PostListCache.WithHeldFactors([new("z", 0.5, [])], [true], held));
    }
}
