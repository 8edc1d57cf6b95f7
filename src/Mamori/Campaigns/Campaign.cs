using Mamori.Assessments;
using Mamori.Common;

namespace Mamori.Campaigns;

/// <summary>
/// One distribution of the staff checklist to every employee of a facility (職員向けチェックリストの配布・回収).
/// Anonymous campaigns keep only department and job type with each response; named ones keep the 記入者 too.
/// </summary>
public sealed class Campaign : IRevised
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FacilityId { get; set; }
    public required string CatalogId { get; set; }
    public required string Checklist { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public bool Anonymous { get; set; }

    /// <summary>Anonymous campaigns: the fewest responses a group of the results may show (AnonymityRule).</summary>
    public int AnonymityThreshold { get; set; } = AnonymityRule.DefaultThreshold;
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public int Revision { get; set; }

    public CampaignState StateAt(DateTimeOffset now) =>
        now < OpensAt ? CampaignState.NotYetOpen : now >= ClosesAt ? CampaignState.Closed : CampaignState.Open;

    /// <summary>Refuses a response outside the period: 410 once closed (the link is finished for good).</summary>
    public void EnsureOpen(DateTimeOffset now)
    {
        switch (StateAt(now))
        {
            case CampaignState.NotYetOpen:
                throw new ConflictException("この調査の受付はまだ始まっていません。受付開始は {0} です。", [JapaneseDates.Moment(OpensAt)]);
            case CampaignState.Closed:
                throw new GoneException("この調査の受付は終了しました。ご協力ありがとうございました。");
            case CampaignState.Open:
                break;
        }
    }
}

public enum CampaignState
{
    NotYetOpen,
    Open,
    Closed,
}

public enum LinkKind
{
    /// <summary>The campaign's own link: the respondent picks their department.</summary>
    General,

    /// <summary>One per department, printed with a QR code and posted or handed out; used by many.</summary>
    Department,

    /// <summary>One per person, sent by the hospital's own mail or groupware; answers once.</summary>
    Person,
}

/// <summary>
/// A public answering address /r/{code}. The code is random and unguessable, and kept as is (not hashed)
/// because the admin prints the same sheet again; it only lets someone answer, never read anything.
/// </summary>
public sealed class CampaignLink : IRevised
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public required string Code { get; set; }
    public LinkKind Kind { get; set; }
    public Guid? DepartmentId { get; set; }
    public Guid? JobTypeId { get; set; }

    /// <summary>Person links: who it is for (shown prefilled in named campaigns, and in the not-yet-answered list).</summary>
    public string? PersonName { get; set; }
    public string? PersonEmail { get; set; }

    /// <summary>Person links: when it was answered. Set in the same transaction as the response.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>Guards a person link against two responses sent at the same moment.</summary>
    public int Revision { get; set; }
}

/// <summary>
/// One received questionnaire. Immutable once stored. In anonymous campaigns it does not point at the person
/// link it came through (LinkId stays null), so an answered link does not reveal which answers are whose.
/// </summary>
public sealed class CampaignResponse
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public Guid DepartmentId { get; set; }
    public Guid JobTypeId { get; set; }
    public Guid? LinkId { get; set; }
    public string? Respondent { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>
    /// The ○ answers as bits (bit n-1 for item n; the staff list has 10 items, at most 63 fit). Results are summed
    /// from this column of the responses alone, not by joining ten answer rows per response.
    /// </summary>
    public long YesMask { get; set; }

    public const int MaskedItems = 63;

    public List<CampaignAnswer> Answers { get; set; } = [];

    public static long MaskOf(IEnumerable<CampaignAnswer> answers) =>
        answers.Where(a => a.Value == AnswerValue.Yes && a.ItemNumber is >= 1 and <= MaskedItems)
            .Aggregate(0L, (mask, a) => mask | (1L << (a.ItemNumber - 1)));
}

/// <summary>○ or × for one item; every item of the list is answered.</summary>
public sealed class CampaignAnswer
{
    public Guid ResponseId { get; set; }
    public int ItemNumber { get; set; }
    public AnswerValue Value { get; set; }
}
