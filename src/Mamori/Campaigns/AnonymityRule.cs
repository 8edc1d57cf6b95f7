namespace Mamori.Campaigns;

/// <summary>How many responses one group (a department or a job type) of a breakdown has.</summary>
public sealed record GroupCount(Guid Id, int Responses);

/// <summary>
/// A breakdown under the rule: the groups shown on their own, those merged into 「その他（少数）」, and how many
/// were left out (still counted in the total).
/// </summary>
public sealed record Breakdown(IReadOnlySet<Guid> Shown, IReadOnlyList<Guid> Merged, int Hidden);

/// <summary>
/// What an anonymous campaign's results may show, on every page, export, print and API response. A group with
/// fewer responses than the threshold would let its few members' answers be read, so it is never shown alone:
/// small groups are merged into 「その他（少数）」 when together they reach the threshold, and left out otherwise.
/// Leaving out exactly one group would not hide it (the total minus the shown groups is that group), so another
/// group is left out with it. Below the threshold in total nothing but the count is shown.
/// </summary>
public static class AnonymityRule
{
    public const int DefaultThreshold = 5;
    public const int MinimumThreshold = 3;
    public const int MaximumThreshold = 100;

    public const string MergedName = "その他（少数）";

    /// <summary>Whether a total (a whole campaign, or a manager's departments) may be shown at all.</summary>
    public static bool CanShowTotal(int responses, int threshold) => responses == 0 || responses >= threshold;

    public static Breakdown Apply(IReadOnlyCollection<GroupCount> groups, int threshold)
    {
        var small = groups.Where(g => g.Responses > 0 && g.Responses < threshold).ToList();
        var shown = groups.Where(g => g.Responses == 0 || g.Responses >= threshold).Select(g => g.Id).ToHashSet();
        if (small.Sum(g => g.Responses) >= threshold)
        {
            // At least two groups (each is below the threshold), so no one of them can be read from the merged row.
            return new Breakdown(shown, small.Select(g => g.Id).ToList(), 0);
        }
        if (small.Count == 1)
        {
            var partner = groups.Where(g => shown.Contains(g.Id) && g.Responses > 0).OrderBy(g => g.Responses).FirstOrDefault();
            if (partner is not null)
            {
                shown.Remove(partner.Id);
                return new Breakdown(shown, [], 2);
            }
        }
        return new Breakdown(shown, [], small.Count);
    }
}
