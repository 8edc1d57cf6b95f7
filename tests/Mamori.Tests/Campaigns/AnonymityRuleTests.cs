using Mamori.Campaigns;

namespace Mamori.Tests.Campaigns;

/// <summary>The rule on its own: which groups of a breakdown are shown, merged or left out.</summary>
public sealed class AnonymityRuleTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid D = Guid.Parse("00000000-0000-0000-0000-00000000000d");

    private static Breakdown Apply(params (Guid Id, int Responses)[] groups) =>
        AnonymityRule.Apply(groups.Select(g => new GroupCount(g.Id, g.Responses)).ToList(), threshold: 5);

    [Fact]
    public void Groups_at_the_threshold_are_shown_and_empty_ones_reveal_nothing()
    {
        var b = Apply((A, 5), (B, 9), (C, 0));
        Assert.Equal([A, B, C], b.Shown.Order());
        Assert.Empty(b.Merged);
        Assert.Equal(0, b.Hidden);
    }

    [Fact]
    public void Small_groups_that_reach_the_threshold_together_are_merged()
    {
        var b = Apply((A, 8), (B, 3), (C, 2));
        Assert.Equal([A], b.Shown);
        Assert.Equal([B, C], b.Merged);
    }

    [Fact]
    public void A_single_small_group_takes_the_smallest_shown_group_with_it()
    {
        // Total 20 − 9 − 7 would be C's 4 responses if only C were left out.
        var b = Apply((A, 9), (B, 7), (C, 4), (D, 0));
        Assert.Equal([A, D], b.Shown.Order());
        Assert.Equal(2, b.Hidden);
    }

    [Fact]
    public void Several_small_groups_below_the_threshold_together_are_left_out()
    {
        var b = Apply((A, 9), (B, 1), (C, 2));
        Assert.Equal([A], b.Shown);
        Assert.Empty(b.Merged);
        Assert.Equal(2, b.Hidden);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void A_total_below_the_threshold_is_withheld(int responses, bool shown) =>
        Assert.Equal(shown, AnonymityRule.CanShowTotal(responses, 5));
}
