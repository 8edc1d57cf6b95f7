using Mamori.Assessments;
using Mamori.Catalog;

namespace Mamori.Tests.Assessments;

/// <summary>The チェックの結果 table against figures worked out by hand.</summary>
public sealed class ScoringTests
{
    private static readonly ChecklistCatalog Catalog = CatalogStore.LoadEmbedded().Find("mhlw-2021-10")!;

    private static Dictionary<int, AnswerValue?> Yes(IEnumerable<int> numbers) => numbers.ToDictionary(n => n, _ => (AnswerValue?)AnswerValue.Yes);

    private static ResultLine Line(AssessmentResult result, Perspective p) => result.Perspectives.Single(x => x.Perspective == p).Line;

    [Fact]
    public void Sysadmin_half_of_prevent_and_one_detect()
    {
        var list = Catalog.FindChecklist("sysadmin")!;
        var prevent = list.Items.Where(i => i.Perspective == Perspective.Prevent).Take(42).Select(i => i.Number);
        var detect = list.Items.Where(i => i.Perspective == Perspective.Detect).Take(1).Select(i => i.Number);

        var result = AssessmentResult.Compute(list, Yes(prevent.Concat(detect)));

        Assert.Equal([Perspective.Prevent, Perspective.Detect, Perspective.Correct], result.Perspectives.Select(p => p.Perspective));
        Assert.Equal(new ResultLine(42, 84), Line(result, Perspective.Prevent));
        Assert.Equal(50.0m, Line(result, Perspective.Prevent).Ratio);
        Assert.Equal("50.0%", Line(result, Perspective.Prevent).RatioText);
        Assert.Equal(14.3m, Line(result, Perspective.Detect).Ratio); // 1/7 = 14.2857…
        Assert.Equal("1/7", Line(result, Perspective.Detect).CountText);
        Assert.Equal(0.0m, Line(result, Perspective.Correct).Ratio);
        Assert.Equal("0.0%", Line(result, Perspective.Correct).RatioText);
        Assert.Equal(new ResultLine(43, 92), result.Total);
        Assert.Equal(46.7m, result.Total.Ratio); // 43/92 = 46.739…
    }

    [Fact]
    public void Executive_detect_has_no_items_and_shows_a_dash()
    {
        var list = Catalog.FindChecklist("executive")!;
        var result = AssessmentResult.Compute(list, Yes(list.Items.Where(i => i.Perspective == Perspective.Prevent).Take(13).Select(i => i.Number)));

        var detect = Line(result, Perspective.Detect);
        Assert.Equal(0, detect.Total);
        Assert.Null(detect.Ratio);
        Assert.Equal("-", detect.RatioText);
        Assert.Equal("0/0", detect.CountText);
        Assert.Equal("86.7%", Line(result, Perspective.Prevent).RatioText); // 13/15 = 86.666…
        Assert.Equal("72.2%", result.Total.RatioText); // 13/18 = 72.222…
    }

    [Fact]
    public void Unanswered_and_no_both_count_as_not_checked()
    {
        var list = Catalog.FindChecklist("online-qualification")!;
        var answers = new Dictionary<int, AnswerValue?> { [1] = AnswerValue.No, [2] = null };
        var result = AssessmentResult.Compute(list, answers);
        Assert.Equal(new ResultLine(0, 2), result.Total);
        Assert.Equal(0.0m, result.Total.Ratio);
        var none = AssessmentResult.Compute(list, new Dictionary<int, AnswerValue?>());
        Assert.Equal(result.Total, none.Total);
        Assert.Equal(result.Perspectives, none.Perspectives);
    }

    [Fact]
    public void Answers_to_numbers_not_on_the_list_are_ignored()
    {
        var list = Catalog.FindChecklist("online-qualification")!;
        var result = AssessmentResult.Compute(list, Yes([2, 3, 99]));
        Assert.Equal(new ResultLine(1, 2), result.Total);
        Assert.Equal(new ResultLine(0, 1), Line(result, Perspective.Prevent));
        Assert.Equal(new ResultLine(1, 1), Line(result, Perspective.Detect));
        Assert.Equal(100.0m, Line(result, Perspective.Detect).Ratio);
    }

    [Fact]
    public void The_staff_list_has_only_the_total_line()
    {
        var list = Catalog.FindChecklist("staff")!;
        var result = AssessmentResult.Compute(list, Yes([1, 2, 3, 5, 8, 9, 10]));
        Assert.Empty(result.Perspectives);
        Assert.Equal("70.0%", result.Total.RatioText);
        Assert.Equal("7/10", result.Total.CountText);
    }

    [Theory]
    [InlineData(1, 16, 6.3)] // 6.25: a midpoint rounds away from zero, as the ministry's Excel sheet does
    [InlineData(3, 16, 18.8)] // 18.75
    [InlineData(5, 16, 31.3)] // 31.25
    [InlineData(1, 3, 33.3)]
    [InlineData(2, 3, 66.7)]
    [InlineData(16, 16, 100.0)]
    public void Ratio_is_a_percentage_to_one_decimal(int yes, int total, double expected)
    {
        var list = Synthetic(total);
        var result = AssessmentResult.Compute(list, Yes(Enumerable.Range(1, yes)));
        Assert.Equal((decimal)expected, result.Total.Ratio);
        Assert.Equal(((decimal)expected).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%", result.Total.RatioText);
    }

    /// <summary>A list without 視点 of any length, cut from the staff list so its shape follows the real one.</summary>
    private static Checklist Synthetic(int count)
    {
        var staff = Catalog.FindChecklist("staff")!;
        return staff with { Items = Enumerable.Range(1, count).Select(n => staff.Items[0] with { Number = n }).ToList() };
    }
}
