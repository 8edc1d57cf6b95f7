using Mamori.Catalog;
using Mamori.Data;
using Mamori.Facilities;
using Mamori.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Bench;

/// <summary>
/// 10,000 incidents over the facilities (issue 5's scale for the incident list and page): a fifth of them drills,
/// most closed, some running with the 2-1 decision taken either way and a few personal-data clocks, each with its
/// 35 step rows and a short timeline. Bulk-inserted like the rounds: the seeding is not what we measure.
/// </summary>
public static class IncidentSeeder
{
    public const int IncidentCount = 10_000;

    private static readonly string[] Titles = ["電子カルテ端末で脅迫文", "放射線画像サーバーが応答しない", "不審なメールを開いた", "検査システムが遅い", "ウイルス対策ソフトの警告", "院内LANの断続的な切断"];
    private static readonly string[][] Signs = [["ransom-note", "encrypted-files"], ["data-access"], ["suspicious-email"], ["slow-terminal"], ["antivirus-alert"], ["data-access", "slow-terminal"]];

    public static async Task<IReadOnlyList<Guid>> SeedAsync(IServiceProvider services, IReadOnlyList<Facility> facilities, Random random, CancellationToken ct = default)
    {
        var flow = services.GetRequiredService<CatalogStore>().Find(CatalogDefaults.CurrentId)!.IncidentFlow!;
        var stepIds = flow.Steps.Where(s => s.Phase > 0).ToList();
        var ids = new List<Guid>(IncidentCount);
        var now = DateTimeOffset.UtcNow;
        const int batch = 1000;
        for (var offset = 0; offset < IncidentCount; offset += batch)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            for (var n = offset; n < Math.Min(IncidentCount, offset + batch); n++)
            {
                var kind = random.Next(Titles.Length);
                var detected = now.AddMinutes(-random.Next(5, 60 * 24 * 365 * 4));
                var incident = new Incident
                {
                    FacilityId = facilities[n % facilities.Count].Id,
                    CatalogId = flow.Steps.Count > 0 ? CatalogDefaults.CurrentId : "",
                    Title = Titles[kind],
                    Description = "ベンチマーク用のデータ。" + Titles[kind] + "。",
                    Location = $"{random.Next(1, 8)}階病棟",
                    Signs = string.Join(',', Signs[kind]),
                    DetectedAt = detected,
                    ReportedAt = detected.AddMinutes(5),
                    ReportedBy = "ベンチ 職員",
                    Exercise = random.NextDouble() < 0.2,
                    Steps = stepIds.Select(s => new IncidentStep { StepId = s.Id }).ToList(),
                };
                var confirmed = detected.AddMinutes(20);
                var roll = random.NextDouble();
                if (roll > 0.03)
                {
                    incident.Confirm("ベンチ 管理者", confirmed);
                    var signs = kind == 0 || (kind == 4 && random.NextDouble() < 0.5);
                    incident.Decide(signs, "ベンチマーク用の判断", "ベンチ 管理者", confirmed.AddHours(1));
                    var branch = signs ? flow.Decision.NoSigns.Steps : flow.Decision.Signs.Steps;
                    var finished = roll > 0.10; // most are over; the rest are running
                    foreach (var step in incident.Steps)
                    {
                        if (branch.Contains(step.StepId))
                        {
                            step.MarkNotApplicable("2-1の判断により対象外", "ベンチ 管理者", confirmed.AddHours(1), byDecision: true);
                        }
                        else if (finished || step.StepId.StartsWith('1'))
                        {
                            step.Complete("ベンチ 管理者", confirmed.AddHours(2));
                        }
                    }
                    if (signs && random.NextDouble() < 0.3)
                    {
                        incident.PersonalDataAwareAt = confirmed.AddDays(1);
                    }
                    if (finished)
                    {
                        incident.Close("復旧を確認", confirmed.AddDays(random.Next(1, 60)));
                    }
                }
                db.Set<Incident>().Add(incident);
                db.Set<IncidentEvent>().AddRange(
                    new IncidentEvent { IncidentId = incident.Id, At = incident.ReportedAt, Kind = IncidentEventKind.Reported, Text = "異常の報告：" + incident.Title, UserName = "ベンチ 職員" },
                    new IncidentEvent { IncidentId = incident.Id, At = confirmed, Kind = IncidentEventKind.Confirmed, Text = "医療情報システム安全管理責任者が確認しました（1-4）。", UserName = "ベンチ 管理者" },
                    new IncidentEvent { IncidentId = incident.Id, At = confirmed.AddHours(1), Kind = IncidentEventKind.Decision, StepId = "2-1", Text = "2-1の判断：ベンチマーク用の判断", UserName = "ベンチ 管理者" });
                ids.Add(incident.Id);
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return ids;
    }
}
