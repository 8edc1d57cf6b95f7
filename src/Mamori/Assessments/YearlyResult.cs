using Mamori.Catalog;

namespace Mamori.Assessments;

/// <summary>はい count over applicable items for one section (or the whole form) in one round.</summary>
public sealed record YearlyLine(string? Section, int Round, int Yes, int Applicable)
{
    public string CountText => $"{Yes}/{Applicable}";
}

/// <summary>
/// The yearly form's result, per section and round. The gate question is not counted; when it is answered
/// いいえ in a round, nothing else applies in that round (確認不要) and every line of that round is 0/0.
/// </summary>
public sealed record YearlyResult(IReadOnlyList<YearlyLine> Sections, IReadOnlyList<YearlyLine> Total)
{
    public static YearlyResult Compute(Checklist checklist, int rounds, IReadOnlyCollection<YearlyAnswer> answers)
    {
        var byKey = answers.ToDictionary(a => (a.Round, a.ItemNumber));
        var counted = checklist.Items.Where(i => !i.Gateway).ToList();
        var sections = new List<YearlyLine>();
        var total = new List<YearlyLine>();
        for (var round = 1; round <= rounds; round++)
        {
            var closed = GateClosed(checklist, round, byKey);
            bool IsYes(ChecklistItem i) => byKey.TryGetValue((round, i.Number), out var a) && a.Value == AnswerValue.Yes;
            foreach (var section in checklist.Sections)
            {
                var items = counted.Where(i => i.Section == section.Key).ToList();
                sections.Add(closed ? new(section.Key, round, 0, 0) : new(section.Key, round, items.Count(IsYes), items.Count));
            }
            total.Add(closed ? new(null, round, 0, 0) : new(null, round, counted.Count(IsYes), counted.Count));
        }
        return new YearlyResult(sections, total);
    }

    /// <summary>The gate (医療情報システムを導入、運用している) answered いいえ in this round: the rest is 確認不要.</summary>
    public static bool GateClosed(Checklist checklist, int round, IReadOnlyDictionary<(int Round, int ItemNumber), YearlyAnswer> answers) =>
        checklist.Items.FirstOrDefault(i => i.Gateway) is { } gate
        && answers.TryGetValue((round, gate.Number), out var a) && a.Value == AnswerValue.No;
}
