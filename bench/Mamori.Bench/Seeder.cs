using System.Diagnostics;
using Mamori.Accounts;
using Mamori.Assessments;
using Mamori.Catalog;
using Mamori.Data;
using Mamori.Facilities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Bench;

/// <summary>A round as seeded: what the load runner needs to address it and to make every answer save a real change.</summary>
public sealed record SeededRound(Guid Id, string Checklist, bool InProgress, int[] Items, AnswerValue?[] Values);

public sealed record SeedResult(
    string AdminEmail,
    string AdminPassword,
    string AdminAuthenticatorKey,
    string Token,
    IReadOnlyList<SeededRound> Rounds,
    int Facilities,
    int Users,
    int Answers,
    int Changes,
    TimeSpan Elapsed)
{
    /// <summary>Seeded incidents (<see cref="IncidentSeeder"/>), for the incident list and page scenarios.</summary>
    public IReadOnlyList<Guid> Incidents { get; init; } = [];
}

/// <summary>
/// A realistic installation: 100 facilities of every kind, one administrator per facility plus the installation
/// administrator, 1,000 rounds over several years (mostly the 92-item system administrator list), ~70% ○ / 20% × /
/// 10% unanswered with some memos, and the change history those answers would have left.
/// Users and the token go through AccountService (real password hash, real token hash); the bulk rows are
/// inserted through MamoriDbContext in a few transactions, because the seeding itself is not what we measure.
/// </summary>
public static class Seeder
{
    public const int FacilityCount = 100;
    public const int RoundCount = 1000;
    public const string AdminEmail = "bench-admin@example.jp";

    private static readonly string[] Places = ["さくら", "みなと", "あおば", "ひかり", "けやき", "かえで", "しらかば", "つばさ", "あさひ", "もみじ", "わかば", "こだま", "いずみ", "ふたば", "すずらん"];
    private static readonly string[] People = ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健", "伊藤 由美", "渡辺 誠", "中村 恵", "小林 大輔", "加藤 明子"];
    private static readonly string[] Memos =
    [
        "ベンダーに確認済み。次回の保守点検で再確認する。",
        "規程はあるが周知が不十分。院内研修で取り上げる。",
        "バックアップは週1回。世代管理の手順を作成中。",
        "サーバ室の入退室記録を紙で運用している。",
        "端末のOS更新は情報システム委員会で承認後に適用。",
        "VPN機器のファームウェアを更新済み（保守業者対応）。",
    ];

    /// <summary>The core's services on the benchmark's SQLite file, as the CLI builds them.</summary>
    public static ServiceProvider CoreServices(string connectionString) => new ServiceCollection()
        .AddLogging()
        .AddMamoriCore(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString })
        .BuildServiceProvider();

    public static async Task<SeedResult> SeedAsync(string connectionString, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using var services = CoreServices(connectionString);
        await MamoriServices.MigrateAsync(services, ct);

        var random = new Random(20261124);
        var catalog = services.GetRequiredService<CatalogStore>().Find(CatalogDefaults.CurrentId)
            ?? throw new InvalidOperationException($"catalog {CatalogDefaults.CurrentId} missing");
        var now = DateTimeOffset.UtcNow;

        // Facilities: the mix of a regional installation (mostly clinics), about half doing オンライン資格確認等.
        var facilities = Enumerable.Range(1, FacilityCount).Select(i =>
        {
            var kind = (i % 10) switch
            {
                0 or 1 => FacilityKind.Hospital,
                2 or 3 or 4 or 5 => FacilityKind.Clinic,
                6 or 7 => FacilityKind.DentalClinic,
                _ => FacilityKind.Pharmacy,
            };
            var suffix = kind switch
            {
                FacilityKind.Hospital => "総合病院",
                FacilityKind.Clinic => "クリニック",
                FacilityKind.DentalClinic => "歯科医院",
                FacilityKind.Pharmacy => "薬局",
            };
            return new Facility
            {
                Name = $"{Places[i % Places.Length]}{suffix} {i:000}",
                Kind = kind,
                OnlineQualification = random.NextDouble() < 0.55,
                CreatedAt = now.AddYears(-5).AddDays(i),
            };
        }).ToList();

        string password = $"kawa-{Guid.NewGuid():N}";
        string token;
        string authenticatorKey;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
            db.Facilities.AddRange(facilities);
            await db.SaveChangesAsync(ct);

            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var admin = await accounts.AddUserAsync(AdminEmail, "ベンチ 管理者", Role.Admin, null, password, null, ct);
            token = await accounts.CreateTokenAsync(AdminEmail, "bench", 1, ct: ct);
            // Two-factor is required for administrators: set up the authenticator as the first sign-in would.
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            await userManager.ResetAuthenticatorKeyAsync(admin);
            await userManager.SetTwoFactorEnabledAsync(admin, true);
            authenticatorKey = (await userManager.GetAuthenticatorKeyAsync(admin))!;

            // One administrator per facility. Hashing 100 passwords would take longer than the rest of the seed,
            // so they share the installation admin's (salted) hash: the rows look exactly as AddUserAsync makes them.
            var normalizer = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>();
            foreach (var (f, i) in facilities.Select((f, i) => (f, i)))
            {
                var email = $"admin{i + 1:000}@facility.example.jp";
                var user = new User
                {
                    UserName = email,
                    NormalizedUserName = normalizer.NormalizeName(email),
                    Email = email,
                    NormalizedEmail = normalizer.NormalizeEmail(email),
                    DisplayName = People[i % People.Length],
                    PasswordHash = admin.PasswordHash,
                    LockoutEnabled = true,
                    CreatedAt = f.CreatedAt,
                };
                user.Roles.Add(new RoleAssignment { UserId = user.Id, FacilityId = f.Id, Role = Role.Admin });
                db.Users.Add(user);
            }
            await db.SaveChangesAsync(ct);
        }

        // Rounds: each facility gets a share of the 1,000, mostly the system administrator's list, dated over four and
        // a half years. The newest round of each facility and list is in progress; older ones are completed.
        var plans = new List<(Facility Facility, Checklist Checklist, DateOnly Date)>(RoundCount);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = today.AddDays(-(int)(365.25 * 4.5));
        var span = today.DayNumber - start.DayNumber;
        for (var r = 0; r < RoundCount; r++)
        {
            var facility = facilities[r % FacilityCount];
            var roll = random.NextDouble();
            var key = roll switch
            {
                < 0.70 => "sysadmin",
                < 0.85 => "executive",
                < 0.95 => "staff",
                _ => facility.OnlineQualification ? "online-qualification" : "sysadmin",
            };
            var checklist = catalog.FindChecklist(key)!;
            plans.Add((facility, checklist, start.AddDays(random.Next(span))));
        }
        var newestByKey = plans
            .GroupBy(p => (p.Facility.Id, p.Checklist.Key))
            .ToDictionary(g => g.Key, g => g.Max(p => p.Date));

        var rounds = new List<SeededRound>(RoundCount);
        var answers = 0;
        var changes = 0;
        const int batch = 250;
        for (var offset = 0; offset < plans.Count; offset += batch)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var (facility, checklist, date) in plans.Skip(offset).Take(batch))
            {
                var respondent = People[random.Next(People.Length)];
                var createdAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(0, 0)), TimeSpan.Zero).AddHours(random.Next(0, 9));
                var inProgress = newestByKey[(facility.Id, checklist.Key)] == date;
                var assessment = new Assessment
                {
                    FacilityId = facility.Id,
                    CatalogId = catalog.Id,
                    Checklist = checklist.Key,
                    Respondent = respondent,
                    Date = date,
                    CreatedAt = createdAt,
                };
                var history = new List<AssessmentChange> { Change(assessment.Id, ChangeKind.Created, createdAt, respondent) };
                var values = new AnswerValue?[checklist.Items.Count];
                foreach (var (item, i) in checklist.Items.Select((item, i) => (item, i)))
                {
                    var roll = random.NextDouble();
                    AnswerValue? value = roll switch
                    {
                        < 0.70 => AnswerValue.Yes,
                        < 0.90 => AnswerValue.No,
                        _ => null,
                    };
                    var memo = value is not null && random.NextDouble() < 0.08 ? Memos[random.Next(Memos.Length)] : null;
                    var at = createdAt.AddMinutes(i + 1);
                    values[i] = value;
                    assessment.Answers.Add(new AssessmentAnswer
                    {
                        AssessmentId = assessment.Id,
                        ItemNumber = item.Number,
                        Value = value,
                        Memo = memo,
                        UpdatedAt = value is null ? null : at,
                        Revision = (value is null ? 0 : 1) + (memo is null ? 0 : 1),
                    });
                    if (value is not null)
                    {
                        history.Add(Change(assessment.Id, ChangeKind.Answer, at, respondent, item.Number, null, value.ToKey()));
                    }
                    if (memo is not null)
                    {
                        history.Add(Change(assessment.Id, ChangeKind.Memo, at, respondent, item.Number, null, memo));
                    }
                }
                if (!inProgress)
                {
                    var completedAt = createdAt.AddDays(1);
                    assessment.Complete(null, completedAt);
                    history.Add(Change(assessment.Id, ChangeKind.Completed, completedAt, respondent));
                }
                db.Assessments.Add(assessment);
                db.AssessmentChanges.AddRange(history);
                answers += assessment.Answers.Count;
                changes += history.Count;
                rounds.Add(new SeededRound(assessment.Id, checklist.Key, inProgress, checklist.Items.Select(i => i.Number).ToArray(), values));
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var incidents = await IncidentSeeder.SeedAsync(services, facilities, random, ct);

        // Leave the file as a long-running installation would have it: WAL folded back, statistics fresh.
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MamoriDbContext>();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;", ct);
        }
        return new SeedResult(AdminEmail, password, authenticatorKey, token, rounds, facilities.Count, facilities.Count + 1, answers, changes, clock.Elapsed) { Incidents = incidents };
    }

    private static AssessmentChange Change(Guid id, ChangeKind kind, DateTimeOffset at, string name, int? number = null, string? oldValue = null, string? newValue = null) =>
        new() { AssessmentId = id, Kind = kind, At = at, ItemNumber = number, OldValue = oldValue, NewValue = newValue, UserName = name };
}
