using Mamori.EndToEndTests.Infrastructure;
using Mamori.EndToEndTests.PageObjects;

namespace Mamori.EndToEndTests.Tests;

/// <summary>
/// A hospital's システム管理者向け round answered by clicking ○/× with the script saving each answer, shared by the
/// tests that read it back (persistence, result, exports, print, comparison).
/// </summary>
public sealed class SysadminRound(MamoriApp app) : IAsyncLifetime
{
    public const string Respondent = "検査 太郎";
    public static readonly DateOnly Date = new(2026, 4, 1);

    public CatalogList List { get; } = CatalogFile.Load("sysadmin");

    public string FacilityName { get; } = Names.Facility("総合病院");

    public Guid FacilityId { get; private set; }

    public Guid RoundId { get; private set; }

    /// <summary>
    /// A pattern to check by hand: ○ for 1–40 and 85–88, × for 43–84 and 89–92, 41 and 42 left unanswered —
    /// so each 視点 gets its own ratio and the unanswered items count as not ○.
    /// </summary>
    public static Mark? Pattern(int number) => number switch
    {
        41 or 42 => null,
        <= 40 => Mark.Yes,
        <= 84 => Mark.No,
        <= 88 => Mark.Yes,
        _ => Mark.No,
    };

    public async ValueTask InitializeAsync()
    {
        var (context, page) = await app.SignedInAsync();
        await using var _ = context;
        var facility = await FacilityPage.CreateAsync(page, FacilityName, "病院", onlineQualification: true);
        FacilityId = facility.Id;
        var form = await facility.StartRoundAsync("sysadmin", Respondent, Date);
        RoundId = form.Id;
        await Artifacts.ScreenshotAsync(page, "form-sysadmin-new");
        foreach (var item in List.Items)
        {
            if (Pattern(item.Number) is { } mark)
            {
                await form.AnswerAsync(item.Number, mark);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
