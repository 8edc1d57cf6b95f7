using Mamori.Catalog;
using Mamori.Common;
using Mamori.Facilities;

namespace Mamori.Assessments.Export;

/// <summary>One row per item, with the round's facility, list, 記入者 and 日付 repeated so files from many rounds can be stacked.</summary>
public static class AssessmentCsv
{
    public static byte[] Build(AssessmentView view)
    {
        var a = view.Assessment;
        var csv = new Csv().Row("医療機関", "医療機関種別", "チェックリスト", "記入者", "日付", "NO", "視点", "チェック項目", "チェック欄", "メモ");
        foreach (var item in view.Checklist.Items)
        {
            var answer = view.AnswerFor(item.Number);
            csv.Row(view.Facility.Name, view.Facility.Kind.ToJapanese(), view.Checklist.Title, a.Respondent, JapaneseDates.Iso(a.Date),
                item.DisplayNumber, item.Perspective?.ToJapanese() ?? "", ItemText.Flatten(item.Text), answer?.Value.ToMark() ?? "", answer?.Memo ?? "");
        }
        return csv.ToBytes();
    }

    public static string FileName(AssessmentView view, string extension) =>
        $"{view.Checklist.Key}_{JapaneseDates.Iso(view.Assessment.Date)}_{view.Assessment.Id.ToString()[..8]}.{extension}";
}
