using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Catalog;
using Mamori.Common;
using Mamori.Data;
using Mamori.Facilities;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Incidents;

/// <summary>
/// Incidents and drills: the flowchart as a workflow. Pages, the API and the CLI call these methods; each takes
/// the acting user, checks what they may do at that facility, and writes the timeline and the access log in the
/// same save as the change.
/// </summary>
public sealed class IncidentService(MamoriDbContext db, CatalogStore catalogs, TimeProvider clock, AuditLog audit, Mail.MailOutbox outbox, NoticeCache notices)
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 4000;
    public const int LocationMaxLength = 200;
    public const int ReasonMaxLength = 1000;
    public const int FilingFieldMaxLength = 200;
    public const int PageSize = 50;

    /// <summary>Files an anomaly report. From the facility's safety manager it is confirmed at once (they are aware now).</summary>
    public async Task<Incident> ReportAsync(Actor actor, IncidentInput input, CancellationToken ct = default)
    {
        var facility = await db.Facilities.AsNoTracking().FirstOrDefaultAsync(f => f.Id == input.FacilityId, ct);
        if (facility is null || !actor.CanSeeFacility(input.FacilityId))
        {
            throw new InvalidInputException("指定された医療機関が見つかりません。", "facilityId");
        }
        var flow = FlowFor(CatalogDefaults.CurrentId);
        var signs = input.Signs.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        if (signs.FirstOrDefault(s => AnomalySigns.Find(s) is null) is { } unknown)
        {
            throw new InvalidInputException("兆候「{0}」は選択肢にありません。", [Text.Truncate(unknown, 40)], "signs");
        }
        var now = clock.GetUtcNow();
        if (input.DetectedAt.Year < 2000 || input.DetectedAt > now.AddMinutes(10))
        {
            throw new InvalidInputException("発見日時が正しくありません（未来の日時は指定できません）。", "detectedAt");
        }
        var description = Text.Optional(input.Description, TextMaxLength, "description", "状況", multiline: true);
        var title = Text.Optional(input.Title, TitleMaxLength, "title", "件名")
            ?? (signs.Count > 0 ? Text.Truncate("異常の報告：" + AnomalySigns.Label(signs[0]), TitleMaxLength)! : throw new InvalidInputException("件名を入力するか、見えた兆候を選んでください。", "title"));
        var incident = new Incident
        {
            FacilityId = facility.Id,
            CatalogId = CatalogDefaults.CurrentId,
            Title = title,
            Description = description,
            Location = Text.Optional(input.Location, LocationMaxLength, "location", "場所"),
            Signs = string.Join(',', signs),
            CablesDisconnected = input.CablesDisconnected,
            DetectedAt = InputDates.Check(input.DetectedAt, "detectedAt").ToUniversalTime(),
            Exercise = input.Exercise,
            ReportedAt = now,
            ReportedBy = actor.Name,
            Steps = flow.Steps.Where(s => s.Phase > 0).Select(s => new IncidentStep { StepId = s.Id }).ToList(),
        };
        db.Set<Incident>().Add(incident);
        // A title made from the first sign already says 「異常の報告：」.
        var reported = title.StartsWith("異常の報告：", StringComparison.Ordinal) ? title : "異常の報告：" + title;
        Event(incident.Id, actor, now, IncidentEventKind.Reported, $"{(input.Exercise ? "【訓練】" : "")}{reported}");
        // The reporter did 1-1 (noticed) and 1-3 (told the safety manager) by filing this; 1-2 only if they say so.
        Complete(incident, actor, now, "1-1");
        Complete(incident, actor, now, "1-3");
        if (input.CablesDisconnected == true)
        {
            Complete(incident, actor, now, "1-2");
        }
        if (actor.Has(facility.Id, Role.Admin))
        {
            incident.Confirm(actor.Name, now);
            Complete(incident, actor, now, "1-4");
            Event(incident.Id, actor, now, IncidentEventKind.Confirmed, "医療情報システム安全管理責任者が確認しました（1-4）。");
        }
        else
        {
            await NotifyAdminsAsync(facility, incident, ct);
        }
        audit.Record(actor, "incident.report", "incident", incident.Id, detail: $"{facility.Name} / {(input.Exercise ? "exercise" : "incident")}");
        await db.SaveChangesAsync(ct);
        notices.Changed();
        return incident;
    }

    /// <summary>
    /// 1-3 → 1-4 by email too, when a mail server is configured: the facility's safety managers (and the
    /// installation's administrators) learn of the report even when nobody has Mamori open. The text names no
    /// patient data, only where to look.
    /// </summary>
    private async Task NotifyAdminsAsync(Facility facility, Incident incident, CancellationToken ct)
    {
        if (!outbox.Enabled)
        {
            return;
        }
        var addresses = await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && u.Email != null && u.Roles.Any(r => r.Role == Role.Admin && (r.FacilityId == facility.Id || r.FacilityId == null)))
            .Select(u => u.Email!).Distinct().ToListAsync(ct);
        var drill = incident.Exercise ? "【訓練】" : "";
        foreach (var to in addresses)
        {
            outbox.Enqueue(to, $"{drill}【Mamori】{facility.Name}で異常の報告がありました", $"""
                {facility.Name} で医療情報システムの異常が報告されました。確認してください（フローチャート 1-4）。

                件名: {incident.Title}
                発見日時: {JapaneseDates.Moment(incident.DetectedAt)}（日本時間）
                場所: {incident.Location ?? "（未記入）"}
                報告者: {incident.ReportedBy}

                Mamori の「インシデント」画面で内容を確認し、対応を開始するか、問題がなければ閉じてください。
                """, "incident.report");
        }
    }

    public async Task<IncidentView> GetAsync(Actor actor, Guid id, string action = "incident.view", CancellationToken ct = default)
    {
        var incident = await IncidentReads.WithStepsAsync(db, id, ct);
        var facility = await AccessAsync(actor, incident, ct);
        var view = await ViewAsync(actor, incident!, facility, ct);
        audit.Record(actor, action, "incident", id);
        await db.SaveChangesAsync(ct);
        return view;
    }

    /// <summary>1-4: the safety manager confirms a report; the facility is aware from now.</summary>
    public async Task ConfirmAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var incident = await LoadForManagerAsync(actor, id, ct);
        var now = clock.GetUtcNow();
        incident.Confirm(actor.Name, now);
        Complete(incident, actor, now, "1-4");
        Event(id, actor, now, IncidentEventKind.Confirmed, "医療情報システム安全管理責任者が確認しました（1-4）。");
        audit.Record(actor, "incident.confirm", "incident", id);
        await SaveAsync(ct);
    }

    /// <summary>1-4: the report turned out not to be an incident.</summary>
    public async Task DismissAsync(Actor actor, Guid id, string? reason, CancellationToken ct = default)
    {
        var incident = await LoadForManagerAsync(actor, id, ct);
        var text = Text.Optional(reason, ReasonMaxLength, "reason", "閉じる理由", multiline: true) ?? "";
        var now = clock.GetUtcNow();
        incident.Dismiss(text, now);
        Event(id, actor, now, IncidentEventKind.Dismissed, $"インシデントではないと判断して閉じました：{text}");
        audit.Record(actor, "incident.dismiss", "incident", id, detail: text);
        await SaveAsync(ct);
    }

    /// <summary>
    /// The decision after 2-1. Steps of the other branch become not applicable; a changed decision brings back
    /// the steps the earlier one had put aside (finished work stays as it was).
    /// </summary>
    public async Task DecideAsync(Actor actor, Guid id, bool cyberattackSigns, string? grounds, CancellationToken ct = default)
    {
        var text = Text.Optional(grounds, TextMaxLength, "grounds", "判断の根拠", multiline: true) ?? "";
        var incident = await LoadForManagerAsync(actor, id, ct);
        var flow = FlowFor(incident.CatalogId);
        var now = clock.GetUtcNow();
        var previous = incident.CyberattackSigns;
        incident.Decide(cyberattackSigns, text, actor.Name, now);
        var decisionStep = incident.Steps.First(s => s.StepId == flow.Decision.After);
        if (decisionStep.IsOpen)
        {
            decisionStep.Complete(actor.Name, now);
        }
        var chosen = cyberattackSigns ? flow.Decision.Signs : flow.Decision.NoSigns;
        var other = cyberattackSigns ? flow.Decision.NoSigns : flow.Decision.Signs;
        var skipReason = $"2-1の判断（{(cyberattackSigns ? flow.Decision.Signs.Label : flow.Decision.NoSigns.Label)}）により対象外";
        foreach (var step in incident.Steps.Where(s => other.Steps.Contains(s.StepId) && s.IsOpen))
        {
            step.MarkNotApplicable(skipReason, actor.Name, now, byDecision: true);
        }
        foreach (var step in incident.Steps.Where(s => chosen.Steps.Contains(s.StepId) && s.SkippedByDecision))
        {
            step.Reopen("2-1の判断が変更されたため", actor.Name, now);
        }
        var label = cyberattackSigns ? flow.Decision.Signs.Label : flow.Decision.NoSigns.Label;
        Event(id, actor, now, IncidentEventKind.Decision, (previous is null ? "2-1の判断：" : "2-1の判断を変更：") + $"{label}。根拠：{text}", flow.Decision.After);
        audit.Record(actor, "incident.decision", "incident", id, detail: cyberattackSigns ? "signs" : "no-signs");
        await SaveAsync(ct);
    }

    /// <summary>Sets a step's status and/or note. A forbidden change, an unknown step or a step off the chosen path is refused (400).</summary>
    public async Task UpdateStepAsync(Actor actor, Guid id, string stepId, StepStatus? status, string? note, CancellationToken ct = default)
    {
        var text = Text.Optional(note, TextMaxLength, "note", "メモ", multiline: true);
        var incident = await db.Set<Incident>().Include(i => i.Steps).FirstOrDefaultAsync(i => i.Id == id, ct);
        var facility = await AccessAsync(actor, incident, ct);
        var flow = FlowFor(incident!.CatalogId);
        var step = flow.FindStep(stepId) is { Phase: > 0 } found ? found : throw new InvalidInputException("手順「{0}」はこのフローチャートにありません。", [Text.Truncate(stepId, 20)], "stepId");
        if (!IsManager(actor, facility.Id) && !step.Roles.Any(RolesOf(actor, facility.Id).Contains))
        {
            await RecordDeniedAsync(actor, id, ct);
            throw new ForbiddenException("手順{0}「{1}」は担当者（{2}）が記録します。", [step.Id, step.Title, string.Join("・", step.Roles.Select(r => flow.Role(r).Label))]);
        }
        incident.EnsureOpen();
        var state = incident.Steps.First(s => s.StepId == step.Id);
        var now = clock.GetUtcNow();
        var before = state.Status;
        if (status is { } to && to != state.Status)
        {
            // A branch step off the chosen path is the decision's to change, whatever its state.
            if (step.Path != FlowPath.Always && to != StepStatus.NotApplicable)
            {
                RequireBranch(incident, step);
            }
            switch (to)
            {
                case StepStatus.InProgress:
                    state.Start(actor.Name, now);
                    break;
                case StepStatus.Done:
                    state.Complete(actor.Name, now);
                    FileWithStep(incident, step.Id, actor, now);
                    break;
                case StepStatus.NotApplicable:
                    state.MarkNotApplicable(text ?? "", actor.Name, now);
                    break;
                case StepStatus.Pending when state.IsOpen:
                    throw new InvalidInputException("手順{0}は対応中のため未着手に戻せません。完了にするか、理由を書いて対象外にしてください。", [step.Id], "status");
                case StepStatus.Pending:
                    state.Reopen(text ?? "", actor.Name, now);
                    break;
            }
        }
        var noteChanged = text is not null && text != state.Note;
        if (noteChanged)
        {
            state.Note = text;
        }
        if (before == state.Status && !noteChanged)
        {
            return;
        }
        var what = before == state.Status ? "メモを更新" : $"{before.ToJapanese()} → {state.Status.ToJapanese()}";
        Event(id, actor, now, IncidentEventKind.Step, $"{step.Id} {step.Title}：{what}" + (text is null ? "" : $"（{text}）"), step.Id);
        audit.Record(actor, "incident.step", "incident", id, detail: $"{step.Id}: {state.Status.ToKey()}");
        await SaveAsync(ct);
    }

    public async Task AddNoteAsync(Actor actor, Guid id, string? note, CancellationToken ct = default)
    {
        var text = Text.Optional(note, TextMaxLength, "note", "記録の内容", multiline: true) ?? throw new InvalidInputException("記録を入力してください。", "note");
        var incident = await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == id, ct);
        await AccessAsync(actor, incident, ct);
        Event(id, actor, clock.GetUtcNow(), IncidentEventKind.Note, text);
        audit.Record(actor, "incident.note", "incident", id);
        await SaveAsync(ct);
    }

    /// <summary>Personal data may have leaked (2-10, 4-1): starts the 個人情報保護委員会 clocks from <paramref name="awareAt"/> (default now).</summary>
    public async Task SetPersonalDataAsync(Actor actor, Guid id, bool suspected, DateTimeOffset? awareAt, bool improperPurpose, CancellationToken ct = default)
    {
        // PostgreSQL stores instants as UTC only; a caller may hand in Japan time.
        awareAt = awareAt?.ToUniversalTime();
        var incident = await LoadForLeadersAsync(actor, id, ct);
        incident.EnsureOpen();
        var now = clock.GetUtcNow();
        if (awareAt is { } at && (at > now.AddMinutes(10) || at < incident.DetectedAt.AddDays(-1)))
        {
            throw new InvalidInputException("漏えい等のおそれを知った日時が正しくありません（発見日時より前や未来の日時は指定できません）。", "awareAt");
        }
        incident.PersonalDataAwareAt = suspected ? (InputDates.Check(awareAt, "awareAt") ?? incident.PersonalDataAwareAt ?? now) : null;
        incident.ImproperPurposeSuspected = suspected && improperPurpose;
        Event(id, actor, now, IncidentEventKind.PersonalData, suspected
            ? $"個人情報の漏えい等のおそれあり（知った日時：{JapaneseDates.Moment(incident.PersonalDataAwareAt!.Value)}）" + (improperPurpose ? "、不正の目的によるおそれあり" : "")
            : "個人情報の漏えい等のおそれなし");
        audit.Record(actor, "incident.personal-data", "incident", id, detail: suspected ? "suspected" : "none");
        await SaveAsync(ct);
    }

    /// <summary>2-12 / 2-18: the executives decide to notify the police by a date.</summary>
    public async Task SetPoliceDueAsync(Actor actor, Guid id, DateOnly? dueOn, CancellationToken ct = default)
    {
        var incident = await LoadForLeadersAsync(actor, id, ct);
        incident.EnsureOpen();
        if (dueOn is { } d && (d < Deadlines.DayInJapan(incident.DetectedAt) || d.Year > 2100))
        {
            throw new InvalidInputException("届出期限が正しくありません。", "dueOn");
        }
        incident.PoliceDueOn = InputDates.Check(dueOn, "dueOn");
        Event(id, actor, clock.GetUtcNow(), IncidentEventKind.PoliceDecision,
            dueOn is { } day ? $"警察へ届け出ることを決定（期限：{JapaneseDates.Long(day)}）" : "警察への届出の予定を取り消し");
        audit.Record(actor, "incident.police", "incident", id, detail: dueOn is { } x ? JapaneseDates.Iso(x) : "none");
        await SaveAsync(ct);
    }

    /// <summary>3-1 … 3-4, 4-1: the recovery plan, its cost and effort, and the finding on personal data.</summary>
    public async Task SetRecoveryAsync(Actor actor, Guid id, RecoveryInput input, CancellationToken ct = default)
    {
        var incident = await LoadForLeadersAsync(actor, id, ct);
        if (input.CostYen is < 0 or > 1_000_000_000_000)
        {
            throw new InvalidInputException("費用は0円以上の金額を入力してください。", "costYen");
        }
        incident.RecoveryPlan = Text.Optional(input.Plan, TextMaxLength, "plan", "復旧計画", multiline: true);
        incident.RecoveryCostYen = input.CostYen;
        incident.RecoveryEffort = Text.Optional(input.Effort, ReasonMaxLength, "effort", "工数・期間", multiline: true);
        incident.LeakFindingNote = Text.Optional(input.FindingNote, ReasonMaxLength, "findingNote", "漏えい等の調査結果の根拠", multiline: true);
        if (input.Finding is LeakFinding.None or LeakFinding.Confirmed && incident.LeakFindingNote is null)
        {
            throw new InvalidInputException("漏えい等の有無を確定するときは、その根拠（調査の内容）を記入してください。", "findingNote");
        }
        incident.LeakFinding = input.Finding;
        Event(id, actor, clock.GetUtcNow(), IncidentEventKind.Recovery,
            $"復旧計画・費用を記録（漏えい等：{input.Finding.ToJapanese()}" + (input.CostYen is { } c ? $"、費用 {c:N0}円" : "") + "）");
        audit.Record(actor, "incident.recovery", "incident", id, detail: input.Finding.ToKey());
        await SaveAsync(ct);
    }

    /// <summary>
    /// A report was made to an authority: its deadline is met, and the step that asks for it (2-13 厚生労働省,
    /// 2-18 警察, 4-3 個人情報保護委員会 — begun by the 速報, finished by the 確報) moves on with it.
    /// </summary>
    public async Task RecordFilingAsync(Actor actor, Guid id, FilingInput input, CancellationToken ct = default)
    {
        var recipient = Text.Required(input.Recipient, FilingFieldMaxLength, "recipient", "報告先（部署・担当者）");
        var reference = Text.Optional(input.Reference, FilingFieldMaxLength, "reference", "受付番号");
        var note = Text.Optional(input.Note, ReasonMaxLength, "note", "メモ", multiline: true);
        var incident = await LoadForLeadersAsync(actor, id, ct);
        incident.EnsureOpen();
        var now = clock.GetUtcNow();
        var at = input.At is { } typed ? InputDates.Check(typed, "at").ToUniversalTime() : now;
        if (at > now)
        {
            throw new InvalidInputException("報告日時に未来の日時は指定できません。", "at");
        }
        if (at < incident.DetectedAt)
        {
            throw new InvalidInputException("報告日時が発見日時（{0}）より前になっています。", [JapaneseDates.Moment(incident.DetectedAt)], "at");
        }
        db.Set<IncidentFiling>().Add(new IncidentFiling
        {
            IncidentId = id, Kind = input.Kind, At = at, RecordedAt = now, By = actor.Name, Method = input.Method,
            Recipient = recipient, Reference = reference, Note = note,
        });
        var how = $"{input.Method.ToJapanese()}で{recipient}へ" + (reference is null ? "" : $"、受付番号 {reference}");
        Event(id, actor, now, IncidentEventKind.Filing,
            $"{input.Kind.ToJapanese()}：{JapaneseDates.Moment(at)}に{how}" + (note is null ? "" : $"（{note}）"), StepOf(input.Kind));
        MoveStepWithFiling(incident, input.Kind, actor, now);
        audit.Record(actor, "incident.filing", "incident", id, detail: $"{input.Kind.ToKey()} {input.Method.ToKey()}");
        await SaveAsync(ct);
    }

    private static string StepOf(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Mhlw => "2-13",
        DeadlineKind.Police => "2-18",
        DeadlineKind.PpcPreliminary or DeadlineKind.PpcFinal => "4-3",
    };

    private void MoveStepWithFiling(Incident incident, DeadlineKind kind, Actor actor, DateTimeOffset now)
    {
        var stepId = StepOf(kind);
        var step = FlowFor(incident.CatalogId).FindStep(stepId);
        var state = incident.Steps.FirstOrDefault(s => s.StepId == stepId);
        if (step is null || state is not { IsOpen: true } || !IncidentRules.Applies(step, incident.CyberattackSigns))
        {
            return;
        }
        if (kind == DeadlineKind.PpcPreliminary)
        {
            if (state.Status == StepStatus.Pending)
            {
                state.Start(actor.Name, now);
                Event(incident.Id, actor, now, IncidentEventKind.Step, $"{stepId}：対応中（速報を報告）", stepId);
            }
            return;
        }
        state.Complete(actor.Name, now);
        Event(incident.Id, actor, now, IncidentEventKind.Step, $"{stepId}：完了（{kind.ToJapanese()}を記録）", stepId);
    }

    public async Task CloseAsync(Actor actor, Guid id, string? reason, string? lessons, CancellationToken ct = default)
    {
        var incident = await LoadForManagerAsync(actor, id, ct);
        var text = Text.Optional(reason, ReasonMaxLength, "reason", "終了の理由", multiline: true) ?? "";
        var now = clock.GetUtcNow();
        incident.Close(text, now);
        incident.Lessons = Text.Optional(lessons, TextMaxLength, "lessons", "学んだこと", multiline: true) ?? incident.Lessons;
        Event(id, actor, now, IncidentEventKind.Closed, $"終了しました：{text}");
        audit.Record(actor, "incident.close", "incident", id);
        await SaveAsync(ct);
    }

    /// <summary>Incidents the actor may see, newest first, one page at a time; exercises only when asked for.</summary>
    public async Task<IReadOnlyList<IncidentSummary>> ListAsync(Actor actor, Guid? facilityId, bool exercises, int page = 0, CancellationToken ct = default)
    {
        var query = Visible(actor).Where(i => i.Exercise == exercises);
        if (facilityId is { } f)
        {
            query = query.Where(i => i.FacilityId == f);
        }
        var rows = await query.OrderByDescending(i => i.ReportedAt).Skip(Math.Max(0, page) * PageSize).Take(PageSize)
            .Join(db.Facilities, i => i.FacilityId, f => f.Id, (i, f) => new
            {
                i.Id, i.FacilityId, FacilityName = f.Name, i.Title, i.Status, i.Exercise, i.DetectedAt, i.ReportedAt, i.CyberattackSigns,
                OpenSteps = i.Steps.Count(s => s.Status == StepStatus.Pending || s.Status == StepStatus.InProgress),
            })
            .ToListAsync(ct);
        audit.Record(actor, "incident.list", "facility", facilityId, detail: exercises ? "exercises" : null);
        await db.SaveChangesAsync(ct);
        return rows.OrderByDescending(r => r.ReportedAt)
            .Select(r => new IncidentSummary(r.Id, r.FacilityId, r.FacilityName, r.Title, r.Status, r.Exercise, r.DetectedAt, r.ReportedAt, r.CyberattackSigns, r.OpenSteps))
            .ToList();
    }

    /// <summary>Real incidents per status (exercises are never counted here).</summary>
    public async Task<IReadOnlyDictionary<IncidentStatus, int>> CountAsync(Actor actor, Guid? facilityId, CancellationToken ct = default)
    {
        var query = Visible(actor).Where(i => !i.Exercise);
        if (facilityId is { } f)
        {
            query = query.Where(i => i.FacilityId == f);
        }
        return await query.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    /// <summary>Anomaly reports waiting for this safety manager's check (1-4): the in-app notification.</summary>
    public async Task<IReadOnlyList<IncidentSummary>> AwaitingConfirmationAsync(Actor actor, CancellationToken ct = default)
    {
        var facilities = actor.Roles.Where(r => r.Role == Role.Admin).Select(r => r.FacilityId).ToList();
        if (facilities.Count == 0)
        {
            return [];
        }
        var all = facilities.Contains(null);
        var ids = facilities.OfType<Guid>().Order().ToList();
        // It is on every page: kept for a few seconds per set of facilities (NoticeCache), changes here clear it.
        return await notices.GetOrLoadAsync($"incidents.awaiting:{(all ? "*" : string.Join(',', ids))}", async () => await db.Set<Incident>().AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Reported && (all || ids.Contains(i.FacilityId)))
            .OrderBy(i => i.ReportedAt).Take(20)
            .Join(db.Facilities, i => i.FacilityId, f => f.Id, (i, f) => new IncidentSummary(i.Id, i.FacilityId, f.Name, i.Title, i.Status, i.Exercise, i.DetectedAt, i.ReportedAt, i.CyberattackSigns, 0))
            .ToListAsync(ct));
    }

    /// <summary>Reporting deadlines past due on running incidents the actor leads (safety manager or executive), for the dashboard.</summary>
    public async Task<IReadOnlyList<OverdueItem>> OverdueAsync(Actor actor, CancellationToken ct = default)
    {
        // Only those who lead (the safety manager, the executives) have deadlines to watch: for anyone else, and for
        // facilities where the actor only works, no incident is even read (this runs on the home page).
        List<Guid>? led = null;
        if (!actor.IsInstallationAdmin)
        {
            led = actor.Roles.Where(r => r.FacilityId is not null && r.Role is Role.Admin or Role.Executive)
                .Select(r => r.FacilityId!.Value).Distinct().Order().ToList();
            if (led.Count == 0)
            {
                return [];
            }
        }
        // On the home page and the incident list: kept for a few seconds per set of facilities (NoticeCache), like the
        // banners; a change on this node clears it, and a deadline passing shows at most that much later.
        return await notices.GetOrLoadAsync($"incidents.overdue:{(led is null ? "*" : string.Join(',', led))}", () => LoadOverdueAsync(led, ct));
    }

    private async Task<IReadOnlyList<OverdueItem>> LoadOverdueAsync(List<Guid>? led, CancellationToken ct)
    {
        var query = db.Set<Incident>().AsNoTracking();
        if (led is not null)
        {
            query = query.Where(i => led.Contains(i.FacilityId));
        }
        var withDeadlines = query.Where(i => i.Status == IncidentStatus.Open
            && (i.CyberattackSigns == true || i.PersonalDataAwareAt != null || i.PoliceDueOn != null));
        // All of them, not the first few hundred: which deadlines are past is only known after computing them, and
        // the panel's count must be the real one. Only five small columns per incident are read.
        var leading = await withDeadlines
            .Join(db.Facilities, i => i.FacilityId, f => f.Id, (i, f) => new
            {
                i.Id, i.Title, i.Exercise, FacilityName = f.Name,
                // Spelled out rather than DeadlineFacts.Of(i), so the query selects these columns, not whole incidents.
                Facts = new DeadlineFacts(i.CyberattackSigns, i.DecidedAt, i.PersonalDataAwareAt, i.ImproperPurposeSuspected, i.PoliceDueOn),
            })
            .ToListAsync(ct);
        // A semi-join, not a list of up to 200 ids: on SQLite each id would be its own SQL parameter.
        var filings = (await db.Set<IncidentFiling>().AsNoTracking().Where(f => withDeadlines.Any(i => i.Id == f.IncidentId)).ToListAsync(ct))
            .ToLookup(f => f.IncidentId);
        var now = clock.GetUtcNow();
        return leading.SelectMany(r => Deadlines.Compute(r.Facts, filings[r.Id].ToList(), now)
                .Where(d => d.Status.Pressing())
                .Select(d => new OverdueItem(r.Id, r.Title, r.FacilityName, r.Exercise, d)))
            .OrderBy(o => o.Deadline.DueAt).ToList();
    }

    public IncidentFlow FlowFor(string catalogId) =>
        catalogs.Find(catalogId)?.IncidentFlow ?? throw new NotFoundException("インシデント対応フローチャートが見つかりません。");

    /// <summary>Which flowchart bands the actor stands in at a facility: admin = 安全管理責任者 (and records for 外部).</summary>
    public static IReadOnlySet<FlowRole> RolesOf(Actor actor, Guid facilityId)
    {
        var roles = new HashSet<FlowRole>();
        if (actor.Has(facilityId, Role.Admin))
        {
            roles.Add(FlowRole.SafetyManager);
            roles.Add(FlowRole.External);
        }
        if (actor.Has(facilityId, Role.Executive))
        {
            roles.Add(FlowRole.Executive);
        }
        if (actor.Has(facilityId, Role.Staff))
        {
            roles.Add(FlowRole.Staff);
        }
        return roles;
    }

    private static bool IsManager(Actor actor, Guid facilityId) => actor.Has(facilityId, Role.Admin);

    private IQueryable<Incident> Visible(Actor actor)
    {
        var query = db.Set<Incident>().AsNoTracking();
        return actor.VisibleFacilityIds is { } ids ? query.Where(i => ids.Contains(i.FacilityId)) : query;
    }

    internal async Task<IncidentView> ViewAsync(Actor actor, Incident incident, Facility facility, CancellationToken ct)
    {
        var events = await IncidentReads.EventsAsync(db, incident.Id, ct);
        var filings = await IncidentReads.FilingsAsync(db, incident.Id, ct);
        var deadlines = Deadlines.Compute(incident, filings, clock.GetUtcNow());
        return new IncidentView(incident, facility, FlowFor(incident.CatalogId), events, filings, deadlines, RolesOf(actor, facility.Id),
            IsManager(actor, facility.Id), actor.Has(facility.Id, Role.Executive));
    }

    /// <summary>Unknown, and hidden from this actor, look the same (404); the attempt on a hidden one is logged.</summary>
    internal async Task<Facility> AccessAsync(Actor actor, Incident? incident, CancellationToken ct)
    {
        if (incident is null || !actor.CanSeeFacility(incident.FacilityId))
        {
            if (incident is not null)
            {
                await RecordDeniedAsync(actor, incident.Id, ct);
            }
            throw new NotFoundException("インシデントが見つかりません。");
        }
        return await FacilityReads.ByIdAsync(db, incident.FacilityId, ct);
    }

    private async Task<Incident> LoadForManagerAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().Include(i => i.Steps).FirstOrDefaultAsync(i => i.Id == id, ct);
        await AccessAsync(actor, incident, ct);
        if (!IsManager(actor, incident!.FacilityId))
        {
            await RecordDeniedAsync(actor, id, ct);
            throw new ForbiddenException("この操作は医療情報システム安全管理責任者（管理者）が行います。");
        }
        return incident;
    }

    /// <summary>Safety manager or executives: reporting to authorities is theirs (2-12, 2-13, 2-18, 4-3).</summary>
    private async Task<Incident> LoadForLeadersAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().Include(i => i.Steps).FirstOrDefaultAsync(i => i.Id == id, ct);
        await AccessAsync(actor, incident, ct);
        if (!IsManager(actor, incident!.FacilityId) && !actor.Has(incident.FacilityId, Role.Executive))
        {
            await RecordDeniedAsync(actor, id, ct);
            throw new ForbiddenException("この操作は経営層または医療情報システム安全管理責任者が行います。");
        }
        return incident;
    }

    private static void RequireBranch(Incident incident, FlowStep step)
    {
        if (incident.CyberattackSigns is null)
        {
            throw new InvalidInputException("手順{0}は2-1の判断（サイバー攻撃の兆候の有無）の後の手順です。先に判断を記録してください。", [step.Id], "status");
        }
        if (!IncidentRules.Applies(step, incident.CyberattackSigns))
        {
            throw new InvalidInputException("手順{0}は2-1の判断により対象外です。判断を変更するには2-1の判断をやり直してください。", [step.Id], "status");
        }
    }

    /// <summary>2-13 and 2-18 are the reports themselves: finishing them meets the 厚生労働省 / police deadline.</summary>
    private void FileWithStep(Incident incident, string stepId, Actor actor, DateTimeOffset now)
    {
        DeadlineKind? kind = stepId switch { "2-13" => DeadlineKind.Mhlw, "2-18" => DeadlineKind.Police, _ => null };
        if (kind is { } k)
        {
            db.Set<IncidentFiling>().Add(new IncidentFiling { IncidentId = incident.Id, Kind = k, At = now, RecordedAt = now, By = actor.Name, Note = $"手順{stepId}の完了" });
        }
    }

    private void Complete(Incident incident, Actor actor, DateTimeOffset now, string stepId)
    {
        var step = incident.Steps.First(s => s.StepId == stepId);
        if (step.IsOpen)
        {
            step.Complete(actor.Name, now);
            Event(incident.Id, actor, now, IncidentEventKind.Step, $"{stepId}：完了", stepId);
        }
    }

    private void Event(Guid incidentId, Actor actor, DateTimeOffset at, IncidentEventKind kind, string text, string? stepId = null) =>
        db.Set<IncidentEvent>().Add(new IncidentEvent
        {
            IncidentId = incidentId, At = at, Kind = kind, StepId = stepId, UserId = actor.UserId, UserName = actor.Name,
            Text = text.Length > TextMaxLength + 200 ? text[..(TextMaxLength + 200)] : text,
        });

    internal void RecordEvent(Guid incidentId, Actor actor, IncidentEventKind kind, string text, string? stepId = null) =>
        Event(incidentId, actor, clock.GetUtcNow(), kind, text, stepId);

    private async Task RecordDeniedAsync(Actor actor, Guid id, CancellationToken ct)
    {
        await audit.WriteAsync(actor, "incident.access", "incident", id, AuditResult.Denied, ct: ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            notices.Changed();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("他の人が同時にこのインシデントを変更しました。画面を再読み込みしてから操作してください。");
        }
    }
}
