using Mamori.Catalog;

namespace Mamori.Assessments;

/// <summary>One line of the チェックの結果 table: ○ count over item count, and 割合 in percent to one decimal (null when there are no items).</summary>
public sealed record ResultLine(int Checked, int Total)
{
    public decimal? Ratio => Total == 0 ? null : Math.Round(Checked * 100m / Total, 1, MidpointRounding.AwayFromZero);

    /// <summary>"86.7%" or "-", as the ministry's table prints it.</summary>
    public string RatioText => Ratio is { } r ? r.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "-";

    public string CountText => $"{Checked}/{Total}";

    /// <summary>Nothing answered, or nothing that may be shown: "-" and 0/0.</summary>
    public static ResultLine Empty { get; } = new(0, 0);
}

public sealed record PerspectiveResult(Perspective Perspective, ResultLine Line);

/// <summary>
/// The seed's チェックの結果: per 視点 (all three, "-" where a 視点 has no items) and the whole list.
/// Unanswered items count as not ○, exactly as on the paper form.
/// </summary>
public sealed record AssessmentResult(IReadOnlyList<PerspectiveResult> Perspectives, ResultLine Total)
{
    public static AssessmentResult Compute(Checklist checklist, IReadOnlyDictionary<int, AnswerValue?> answers)
    {
        bool IsYes(ChecklistItem item) => answers.TryGetValue(item.Number, out var v) && v == AnswerValue.Yes;

        var perspectives = checklist.HasPerspectives
            ? Enum.GetValues<Perspective>()
                .Select(p =>
                {
                    var items = checklist.Items.Where(i => i.Perspective == p).ToList();
                    return new PerspectiveResult(p, new ResultLine(items.Count(IsYes), items.Count));
                })
                .ToList()
            : [];
        var total = new ResultLine(checklist.Items.Count(IsYes), checklist.Items.Count);
        return new AssessmentResult(perspectives, total);
    }
}
