using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Data;
using Mamori.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Audit;

/// <summary>
/// Every kind of tampering with the access-log table that the probe tried, done to a facility's own chain (so each
/// test damages only its chain), and reported by `mamori audit verify` / <see cref="AuditVerifier"/> for that chain.
/// </summary>
public abstract class AuditTamperTests(MamoriApp app) : IntegrationTest(app)
{
    private async Task<T> WithDbAsync<T>(Func<MamoriDbContext, Task<T>> action)
    {
        using var scope = App.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<MamoriDbContext>());
    }

    private Task<int> SqlAsync(string sql) => WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct));

    private async Task<string?> BreakOfAsync(string chain)
    {
        using var scope = App.Services.CreateScope();
        var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(Ct);
        return Assert.Single(verification.Chains, c => c.Chain == chain).Break;
    }

    private Task<IReadOnlyList<AuditAnchor>> AnchorAsync() => WithDbAsync(db => App.Services.GetRequiredService<AuditAnchors>().WriteAsync(db, Ct));

    private Task<List<AuditEntry>> ChainAsync(string chain) =>
        WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Chain == chain).OrderBy(e => e.Number).ToListAsync(Ct));

    private static string Where(string chain, long number) => $"\"Chain\" = '{chain}' AND \"Number\" = {number}";

    /// <summary>A facility whose administrator fills in a round: about ten entries in the facility's own chain.</summary>
    private async Task<string> FacilityChainAsync()
    {
        var facility = await (await App.AdminApiAsync()).CreateFacilityAsync(name: "改ざん検知病院");
        var admin = await App.AddUserAsync(Role.Admin, facility, name: "施設 管理者");
        using var client = await App.ApiClientAsync(admin);
        var round = await client.CreateAssessmentAsync(facility, "sysadmin");
        for (var n = 1; n <= 8; n++)
        {
            await client.PutAnswerAsync(round, n, n % 2 == 0 ? "yes" : "no").ExpectAsync(HttpStatusCode.NoContent);
        }
        var chain = facility.ToString();
        var entries = await ChainAsync(chain);
        Assert.True(entries.Count >= 9, $"{entries.Count} entries");
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Number));
        Assert.Null(await BreakOfAsync(chain));
        return chain;
    }

    [Fact]
    public async Task An_edited_entry_is_reported_by_the_cli_naming_its_chain_and_number()
    {
        var chain = await FacilityChainAsync();
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = 'item 1: yes' WHERE {Where(chain, 5)}");

        var verified = await MamoriCli.RunAsync(App, null, "audit", "verify");
        Assert.Equal(3, verified.ExitCode);
        Assert.Contains($"TAMPERED: chain facility {chain}: entry 5 was changed after it was written", verified.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_first_entry_is_reported()
    {
        var chain = await FacilityChainAsync();
        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE {Where(chain, 1)}");
        Assert.Equal($"chain facility {chain}: entries 1 to 1 are missing (no retention pruning was recorded for them)", await BreakOfAsync(chain));
    }

    [Fact]
    public async Task Deleting_an_entry_in_the_middle_is_reported()
    {
        var chain = await FacilityChainAsync();
        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE {Where(chain, 4)}");
        Assert.Equal($"chain facility {chain}: entry 4 is missing (the next entry is 5)", await BreakOfAsync(chain));
    }

    [Fact]
    public async Task Deleting_the_last_entry_is_reported_against_the_anchor_and_is_not_anchored_away()
    {
        var chain = await FacilityChainAsync();
        var anchored = await MamoriCli.RunAsync(App, null, "audit", "anchor");
        Assert.True(anchored.ExitCode == 0, anchored.Error);
        var last = (await ChainAsync(chain))[^1];
        Assert.Contains($" {chain} {last.Number} {last.Hash}", anchored.Output, StringComparison.Ordinal);

        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE {Where(chain, last.Number)}");
        var expected = $"chain facility {chain}: entries {last.Number} to {last.Number} are missing from the end";
        Assert.StartsWith(expected, await BreakOfAsync(chain), StringComparison.Ordinal);
        // The next anchoring (every five minutes) must not write the shortened head over the evidence.
        await AnchorAsync();
        var verified = await MamoriCli.RunAsync(App, null, "audit", "verify");
        Assert.Equal(3, verified.ExitCode);
        Assert.Contains(expected, verified.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_last_few_entries_is_reported_against_the_anchor()
    {
        var chain = await FacilityChainAsync();
        await AnchorAsync();
        var head = (await ChainAsync(chain))[^1].Number;
        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Chain\" = '{chain}' AND \"Number\" > {head - 3}");
        Assert.StartsWith($"chain facility {chain}: entries {head - 2} to {head} are missing from the end", await BreakOfAsync(chain), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cutting_entries_off_and_writing_new_ones_in_their_place_is_reported_against_the_anchor()
    {
        var chain = await FacilityChainAsync();
        await AnchorAsync();
        var entries = await ChainAsync(chain);
        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Chain\" = '{chain}' AND \"Number\" > {entries[^3].Number}");
        // The app goes on appending: the chain is whole again, but not the one anchored.
        var facility = Guid.Parse(chain);
        var admin = await App.AddUserAsync(Role.Admin, facility, name: "後の 管理者");
        using (var client = await App.ApiClientAsync(admin))
        {
            await client.CreateAssessmentAsync(facility, "sysadmin");
            await client.CreateAssessmentAsync(facility, "sysadmin");
        }
        Assert.StartsWith($"chain facility {chain}: entry {entries[^1].Number} is not the one anchored", await BreakOfAsync(chain), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_entries_swapped_are_reported_whether_their_numbers_or_their_rows_are_exchanged()
    {
        var chain = await FacilityChainAsync();
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Number\" = -1 WHERE {Where(chain, 5)}");
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Number\" = 5 WHERE {Where(chain, 6)}");
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Number\" = 6 WHERE {Where(chain, -1)}");
        Assert.Equal($"chain facility {chain}: entry 5 does not follow entry 4: removed, reordered or changed before it", await BreakOfAsync(chain));
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Number\" = -1 WHERE {Where(chain, 5)}");
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Number\" = 5 WHERE {Where(chain, 6)}");
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Number\" = 6 WHERE {Where(chain, -1)}");
        Assert.Null(await BreakOfAsync(chain));

        // The rows' ids exchanged instead: the list would show them in the other order.
        var entries = await ChainAsync(chain);
        var (a, b) = (entries[4], entries[5]);
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Id\" = -1 WHERE \"Id\" = {a.Id}");
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Id\" = {a.Id} WHERE \"Id\" = {b.Id}");
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Id\" = {b.Id} WHERE \"Id\" = -1");
        Assert.Equal($"chain facility {chain}: entry {b.Number} is out of order (stored before entry {a.Number})", await BreakOfAsync(chain));
    }

    [Fact]
    public async Task An_entry_edited_with_every_hash_after_it_recomputed_is_reported()
    {
        // What an attacker with the database but without the key can do: SHA-256 (or any key of their own) over the content.
        var chain = await FacilityChainAsync();
        var entries = await ChainAsync(chain);
        entries[3].Detail = "item 1: yes";
        var previous = entries[2].Hash;
        foreach (var e in entries.Skip(3))
        {
            e.PreviousHash = previous;
            e.Hash = PlainHash(e);
            previous = e.Hash;
            await SqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = '{e.Detail}', \"PreviousHash\" = '{e.PreviousHash}', \"Hash\" = '{e.Hash}' WHERE \"Id\" = {e.Id}");
        }
        Assert.Equal($"chain facility {chain}: entry 4 was changed after it was written (its seal does not match)", await BreakOfAsync(chain));

        var otherKey = AuditKey.FromBytes(RandomNumberGenerator.GetBytes(32));
        previous = entries[2].Hash;
        foreach (var e in entries.Skip(3))
        {
            e.PreviousHash = previous;
            e.Hash = AuditChain.HashOf(otherKey, e);
            previous = e.Hash;
            await SqlAsync($"UPDATE \"AuditEntries\" SET \"PreviousHash\" = '{e.PreviousHash}', \"Hash\" = '{e.Hash}' WHERE \"Id\" = {e.Id}");
        }
        Assert.Equal($"chain facility {chain}: entry 4 was changed after it was written (its seal does not match)", await BreakOfAsync(chain));
    }

    [Fact]
    public async Task An_entry_deleted_and_the_rest_renumbered_and_relinked_is_reported()
    {
        var chain = await FacilityChainAsync();
        await AnchorAsync();
        var entries = await ChainAsync(chain);
        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE {Where(chain, 4)}");
        var previous = entries[2].Hash;
        foreach (var e in entries.Skip(4))
        {
            await SqlAsync($"UPDATE \"AuditEntries\" SET \"Number\" = {e.Number - 1}, \"PreviousHash\" = '{previous}' WHERE \"Id\" = {e.Id}");
            previous = e.Hash;
        }
        Assert.Equal($"chain facility {chain}: entry 4 was changed after it was written (its seal does not match)", await BreakOfAsync(chain));
    }

    [Fact]
    public async Task Each_facility_has_its_own_chain_and_damage_to_one_leaves_the_others_verified()
    {
        var damaged = await FacilityChainAsync();
        var intact = await FacilityChainAsync();
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"UserName\" = '別人' WHERE {Where(damaged, 2)}");
        Assert.NotNull(await BreakOfAsync(damaged));
        Assert.Null(await BreakOfAsync(intact));
        Assert.Null(await BreakOfAsync(AuditChain.Installation));
    }

    [Fact]
    public async Task Entries_from_before_the_seal_are_sealed_at_the_upgrade_when_intact_and_checked_like_any_chain()
    {
        // As the upgrade migration leaves them: in the chain "legacy", numbered as their ids were, with unkeyed SHA-256.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var previous = AuditChain.Genesis;
        var legacy = new List<AuditEntry>();
        for (var n = 1; n <= 3; n++)
        {
            var e = new AuditEntry { Chain = AuditLegacy.Chain, Number = n, At = at, UserName = "旧 管理者", Action = "assessment.view", Client = "10.0.0.1", PreviousHash = previous, Hash = "" };
            e.Hash = LegacyHash(e);
            previous = e.Hash;
            legacy.Add(e);
        }
        await WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(legacy);
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal("chain legacy: entry 1 was changed after it was written (its seal does not match)", await BreakOfAsync(AuditLegacy.Chain));

        await MamoriServices.MigrateAsync(App.Services, Ct);
        Assert.Null(await BreakOfAsync(AuditLegacy.Chain));
        var sealedChain = await ChainAsync(AuditLegacy.Chain);
        Assert.Equal(4, sealedChain.Count);
        Assert.Equal(AuditLegacy.UpgradeAction, sealedChain[^1].Action);
        Assert.Equal($"sealed=3 sha256-head={legacy[^1].Hash}", sealedChain[^1].Detail);
        // The next start finds it sealed and leaves it.
        await MamoriServices.MigrateAsync(App.Services, Ct);
        Assert.Equal(4, (await ChainAsync(AuditLegacy.Chain)).Count);

        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Client\" = '10.0.0.2' WHERE {Where(AuditLegacy.Chain, 2)}");
        Assert.Equal("chain legacy: entry 2 was changed after it was written (its seal does not match)", await BreakOfAsync(AuditLegacy.Chain));
    }

    /// <summary>The hash before the log was sealed: SHA-256 over the entry's number (then its id) and content, no chain, no key.</summary>
    private static string LegacyHash(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        e.Number.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.UserId?.ToString() ?? "",
        e.UserName, e.Vendor ? "1" : "0", e.Action, e.TargetKind ?? "", e.TargetId ?? "", e.Result.ToString(), e.Client ?? "", e.UserAgent ?? "",
        e.Detail ?? "", e.PreviousHash))));

    /// <summary>The unkeyed SHA-256 of the content, as the chain was before it was sealed.</summary>
    private static string PlainHash(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        e.Chain, e.Number.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.UserId?.ToString() ?? "",
        e.UserName, e.Vendor ? "1" : "0", e.Action, e.TargetKind ?? "", e.TargetId ?? "", e.Result.ToString(), e.Client ?? "", e.UserAgent ?? "",
        e.Detail ?? "", e.PreviousHash))));
}

public sealed class SqliteAuditTamperTests(SqliteApp app) : AuditTamperTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAuditTamperTests(PostgresApp app) : AuditTamperTests(app), IClassFixture<PostgresApp>;
