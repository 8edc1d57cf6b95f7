using Mamori.Assessments;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Facilities;

namespace Mamori.Web.Api;

// Requests take strings and nullables so that bad input gets our Japanese message, not a binder's English one.
public sealed record CreateFacilityRequest(string? Name, string? Kind, bool? OnlineQualification);

public sealed record CreateAssessmentRequest(string? FacilityId, string? CatalogId, string? Checklist, string? Respondent, string? Date);

/// <summary>`answer` absent leaves the answer as it is; `null` clears it (unanswered). The same for `memo`.</summary>
public sealed record AnswerRequest(System.Text.Json.JsonElement Answer, System.Text.Json.JsonElement Memo);

public sealed record ReopenRequest(string? Reason);

public sealed record IdResponse(Guid Id);

public sealed record CatalogSummaryDto(string Id, string Title, string Edition, string IssuedOn);

public sealed record CatalogDto(string Id, string Title, string Edition, string IssuedOn, IReadOnlyList<PerspectiveDto> Perspectives, IReadOnlyList<ChecklistDto> Checklists)
{
    public static CatalogDto From(ChecklistCatalog c) => new(c.Id, c.Title, c.Edition, JapaneseDates.Iso(c.IssuedOn),
        c.Perspectives.Select(p => new PerspectiveDto(p.Key.ToKey(), p.Label, p.Definition)).ToList(),
        c.Checklists.Select(l => new ChecklistDto(l.Key, l.Title, l.Requires,
            l.Items.Select(i => new ItemDto(i.Number, i.Perspective?.ToKey(), i.Text)).ToList())).ToList());
}

public sealed record PerspectiveDto(string Key, string Label, string Definition);

public sealed record ChecklistDto(string Key, string Title, string? Requires, IReadOnlyList<ItemDto> Items);

public sealed record ItemDto(int Number, string? Perspective, string Text);

public sealed record FacilityDto(Guid Id, string Name, string Kind, bool OnlineQualification)
{
    public static FacilityDto From(Facility f) => new(f.Id, f.Name, f.Kind.ToKey(), f.OnlineQualification);
}

public sealed record AssessmentDto(Guid Id, Guid FacilityId, string CatalogId, string Checklist, string Respondent, string Date, string Status,
    DateTimeOffset? CompletedAt, int Revision, IReadOnlyList<AnswerDto> Answers)
{
    public static AssessmentDto From(AssessmentView v)
    {
        var a = v.Assessment;
        return new(a.Id, a.FacilityId, a.CatalogId, a.Checklist, a.Respondent, JapaneseDates.Iso(a.Date), StatusKey(a.Status), a.CompletedAt, a.Revision,
            v.Checklist.Items.Select(i => v.AnswerFor(i.Number) is { } x
                ? new AnswerDto(i.Number, x.Value.ToKey(), x.Memo, x.UpdatedAt, x.Revision)
                : new AnswerDto(i.Number, null, null, null, 0)).ToList());
    }

    public static string StatusKey(AssessmentStatus status) => status switch
    {
        AssessmentStatus.InProgress => "in-progress",
        AssessmentStatus.Completed => "completed",
    };
}

public sealed record AnswerDto(int Number, string? Answer, string? Memo, DateTimeOffset? UpdatedAt, int Revision);

public sealed record ResultDto(IReadOnlyList<PerspectiveResultDto> Perspectives, ResultLineDto Total)
{
    public static ResultDto From(AssessmentResult r) => new(
        r.Perspectives.Select(p => new PerspectiveResultDto(p.Perspective.ToKey(), p.Line.Checked, p.Line.Total, p.Line.Ratio)).ToList(),
        new ResultLineDto(r.Total.Checked, r.Total.Total, r.Total.Ratio));
}

public sealed record PerspectiveResultDto(string Perspective, int Checked, int Total, decimal? Ratio);

public sealed record ResultLineDto(int Checked, int Total, decimal? Ratio);

public sealed record RoundDto(Guid Id, string Checklist, string Respondent, string Date, string Status, ResultLineDto Total);
