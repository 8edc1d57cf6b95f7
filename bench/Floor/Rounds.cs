using Mamori.Assessments;
using Mamori.Catalog;
using Mamori.Facilities;

namespace Mamori.Floor;

/// <summary>One round of each checklist of Mamori's catalog, in memory, answered as a round in progress.</summary>
public sealed class Rounds
{
    private readonly Dictionary<string, AssessmentView> _byChecklist;

    public Rounds()
    {
        var catalog = CatalogStore.LoadEmbedded().All.First();
        var facility = new Facility { Name = "床の医療機関", Kind = FacilityKind.Clinic, OnlineQualification = true };
        _byChecklist = catalog.Checklists.ToDictionary(list => list.Key, list => new AssessmentView(Round(catalog, list), facility, catalog, list));
    }

    public AssessmentView? Find(string checklist) => _byChecklist.GetValueOrDefault(checklist);

    private static Assessment Round(ChecklistCatalog catalog, Checklist list) => new()
    {
        CatalogId = catalog.Id,
        Checklist = list.Key,
        Respondent = "山田 太郎",
        Date = new DateOnly(2026, 11, 25),
        Answers = list.Items.Select(item => new AssessmentAnswer
        {
            ItemNumber = item.Number,
            Value = (item.Number % 3) switch { 0 => AnswerValue.Yes, 1 => AnswerValue.No, _ => null },
            Memo = item.Number % 7 == 0 ? "メモ" : null,
            Revision = item.Number,
        }).ToList(),
    };
}
