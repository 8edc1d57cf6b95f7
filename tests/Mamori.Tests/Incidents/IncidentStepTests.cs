using Mamori.Common;
using Mamori.Incidents;

namespace Mamori.Tests.Incidents;

/// <summary>The step entity guards its own transitions.</summary>
public sealed class IncidentStepTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pending_goes_to_in_progress_then_done()
    {
        var step = new IncidentStep { StepId = "2-6" };
        step.Start("管理 一郎", At);
        Assert.Equal(StepStatus.InProgress, step.Status);
        step.Complete("管理 一郎", At.AddHours(1));
        Assert.Equal(StepStatus.Done, step.Status);
        Assert.Equal("管理 一郎", step.CompletedBy);
        Assert.Equal(At.AddHours(1), step.CompletedAt);
    }

    [Fact]
    public void Done_goes_back_only_through_reopen_with_a_reason()
    {
        var step = new IncidentStep { StepId = "2-6" };
        step.Complete("管理 一郎", At);
        Assert.Throws<InvalidInputException>(() => step.Start("管理 一郎", At));
        Assert.Throws<InvalidInputException>(() => step.Complete("管理 一郎", At));
        Assert.Throws<InvalidInputException>(() => step.MarkNotApplicable("不要", "管理 一郎", At));
        var noReason = Assert.Throws<InvalidInputException>(() => step.Reopen(" ", "管理 一郎", At));
        Assert.Contains("理由", noReason.Message);
        step.Reopen("遮断が不十分だった", "管理 一郎", At);
        Assert.Equal(StepStatus.Pending, step.Status);
        Assert.Equal("遮断が不十分だった", step.Reason);
        Assert.Null(step.CompletedAt);
    }

    [Fact]
    public void Not_applicable_needs_a_reason_and_an_open_step_cannot_be_reopened()
    {
        var step = new IncidentStep { StepId = "2-5" };
        Assert.Throws<InvalidInputException>(() => step.MarkNotApplicable("", "管理 一郎", At));
        Assert.Throws<InvalidInputException>(() => step.Reopen("理由", "管理 一郎", At));
        step.MarkNotApplicable("ベンダーの作業が原因と判明", "管理 一郎", At);
        Assert.Equal(StepStatus.NotApplicable, step.Status);
        Assert.False(step.SkippedByDecision);
    }

    [Fact]
    public void An_incident_confirms_once_and_decides_only_while_open()
    {
        var incident = new Incident { CatalogId = "mhlw-2021-10", Title = "t" };
        Assert.Throws<ConflictException>(() => incident.Decide(true, "根拠", "管理 一郎", At));
        incident.Confirm("管理 一郎", At);
        Assert.Equal(At, incident.AwareAt);
        Assert.Throws<ConflictException>(() => incident.Confirm("管理 一郎", At));
        Assert.Throws<InvalidInputException>(() => incident.Decide(true, " ", "管理 一郎", At));
        incident.Decide(false, "前日のベンダー作業", "管理 一郎", At);
        Assert.False(incident.CyberattackSigns);
        incident.Close("復旧済み", At);
        Assert.Throws<ConflictException>(() => incident.Decide(true, "根拠", "管理 一郎", At));
    }
}

/// <summary>0-1's check that each emergency role has a named person and a deputy, and the one-year staleness of contacts.</summary>
public sealed class ContactRulesTests
{
    private static FacilityContact Person(string role, bool deputy) => new() { Kind = "internal", Name = "n", Role = role, Deputy = deputy };

    [Fact]
    public void A_role_needs_both_a_person_and_a_deputy()
    {
        var contacts = new[] { Person("経営層（院長）", false), Person("経営層（院長）", true), Person("安全管理責任者", false), Person("情報システム担当", true) };
        Assert.Equal(["安全管理責任者", "情報システム担当"], ContactService.RolesWithoutDeputy(contacts));
    }

    [Fact]
    public void A_contact_is_stale_a_year_after_it_was_confirmed_and_history_never_is()
    {
        var today = new DateOnly(2026, 11, 24);
        Assert.False(new FacilityContact { Kind = "ipa", Name = "n", ConfirmedOn = new DateOnly(2025, 11, 24) }.IsStale(today));
        Assert.True(new FacilityContact { Kind = "ipa", Name = "n", ConfirmedOn = new DateOnly(2025, 11, 23) }.IsStale(today));
        Assert.True(new FacilityContact { Kind = "ipa", Name = "n" }.IsStale(today));
        Assert.False(new FacilityContact { Kind = "ipa", Name = "n", History = true }.IsStale(today));
    }
}
