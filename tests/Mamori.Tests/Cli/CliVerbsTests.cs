using System.Net;
using System.Net.Http.Headers;
using Mamori.Accounts;
using Mamori.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Tests.Cli;

/// <summary>`mamori users add` and `mamori tokens create`, run as the operator runs them.</summary>
public abstract class CliVerbsTests(MamoriApp app) : IntegrationTest(app)
{
    private static string NewEmail() => $"cli-{Guid.NewGuid():N}@example.jp";

    [Fact]
    public async Task Users_add_creates_a_user_who_can_then_get_a_working_token()
    {
        var email = NewEmail();
        string[] add = ["users", "add", "--email", email, "--name", "運用 管理者", "--role", "admin", "--password-stdin"];
        var added = await MamoriCli.RunAsync(App, MamoriApp.Password, add);
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Contains(email, added.Output, StringComparison.Ordinal);

        // Each run is a process start (over a second of CPU), so the independent ones run side by side.
        var addAgain = MamoriCli.RunAsync(App, MamoriApp.Password, add);
        var createToken = MamoriCli.RunAsync(App, null, "tokens", "create", "--email", email, "--name", "監視スクリプト", "--expires-days", "30");
        var again = await addAgain;
        var created = await createToken;

        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("既に登録されています", again.Error, StringComparison.Ordinal);
        Assert.True(created.ExitCode == 0, created.Error);
        // Only the token, so that scripts can capture it: TOKEN=$(mamori tokens create …)
        var token = created.Output.TrimEnd('\r', '\n');
        Assert.Matches("^mmr_[A-Za-z0-9_-]{43}$", token);

        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var facility = await client.CreateFacilityAsync(name: "CLIで作成した管理者の病院");
        await client.GetAsync($"/api/v1/facilities/{facility}", Ct).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Catalogs_import_loads_an_edition_the_api_then_serves_and_a_bad_one_exits_non_zero()
    {
        var id = TestEditions.NewId("test-cli");
        var good = Path.Combine(Path.GetTempPath(), $"{id}.json");
        var bad = Path.Combine(Path.GetTempPath(), $"{id}-bad.json");
        await File.WriteAllTextAsync(good, TestEditions.Json(TestEditions.Yearly(id)), Ct);
        var broken = TestEditions.Yearly(id + "-bad");
        broken["checklists"]![0]!["items"]![1]!["section"] = "9";
        await File.WriteAllTextAsync(bad, TestEditions.Json(broken), Ct);

        var imported = MamoriCli.RunAsync(App, null, "catalogs", "import", good);
        var refused = MamoriCli.RunAsync(App, null, "catalogs", "import", bad);
        var (ok, no) = (await imported, await refused);

        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Contains(id, ok.Output, StringComparison.Ordinal);
        var catalog = await (await App.AdminApiAsync()).GetJsonAsync($"/api/v1/catalogs/{id}");
        Assert.Equal("yes-no", catalog.GetProperty("answerScheme").GetProperty("kind").GetString());
        Assert.NotEqual(0, no.ExitCode);
        Assert.Contains("checklists[0].items[1].section", no.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_exit_non_zero_with_a_Japanese_message()
    {
        string[] UsersAdd(string email, params string[] args) => ["users", "add", "--email", email, "--name", "拒否 確認", .. args];
        var emails = Enumerable.Range(0, 5).Select(_ => NewEmail()).ToArray();
        (string Message, string? Stdin, string[] Args)[] cases =
        [
            ("パスワードは13文字以上にしてください。", "Short-1!", UsersAdd(emails[0], "--role", "admin", "--password-stdin")),
            ("管理者以外の役割には医療機関を指定してください。", MamoriApp.Password, UsersAdd(emails[1], "--role", "executive", "--password-stdin")),
            ("--role は admin / executive / staff / vendor のいずれかです。", MamoriApp.Password, UsersAdd(emails[2], "--role", "root", "--password-stdin")),
            ("パスワードは --password-stdin で標準入力から渡してください", MamoriApp.Password, UsersAdd(emails[3], "--role", "admin")),
            ($"{emails[4]} のユーザーは登録されていません。", null, ["tokens", "create", "--email", emails[4]]),
        ];

        var results = await Task.WhenAll(cases.Select(c => MamoriCli.RunAsync(App, c.Stdin, c.Args)));

        Assert.All(cases.Zip(results), x =>
        {
            var (expected, result) = x;
            Assert.NotEqual(0, result.ExitCode);
            Assert.StartsWith("エラー: ", result.Error, StringComparison.Ordinal);
            Assert.Contains(expected.Message, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
            Assert.Equal("", result.Output.Trim());
        });
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        foreach (var email in emails)
        {
            Assert.Null(await users.FindByEmailAsync(email));
        }
    }

    [Fact]
    public async Task Tokens_list_and_revoke_end_a_token()
    {
        var user = await App.AddUserAsync(Role.Admin, name: "失効 確認");
        var token = await App.CreateTokenAsync(user);
        var listed = await MamoriCli.RunAsync(App, null, "tokens", "list", "--email", user.Email);
        Assert.True(listed.ExitCode == 0, listed.Error);
        var line = Assert.Single(listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("active", line, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.Output, StringComparison.Ordinal);

        var revoked = await MamoriCli.RunAsync(App, null, "tokens", "revoke", "--id", line.Split('\t')[0]);
        Assert.True(revoked.ExitCode == 0, revoked.Error);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await client.GetAsync("/api/v1/catalogs", Ct).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", (await MamoriCli.RunAsync(App, null, "tokens", "list", "--email", user.Email)).Output, StringComparison.Ordinal);
    }
}

public sealed class SqliteCliVerbsTests(SqliteApp app) : CliVerbsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCliVerbsTests(PostgresApp app) : CliVerbsTests(app), IClassFixture<PostgresApp>;
