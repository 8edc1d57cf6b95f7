using System.CommandLine;
using Mamori.Accounts;
using Mamori.Common;
using Mamori.Data;

namespace Mamori.Web.Cli;

/// <summary>The operator's verbs on the same executable: they use the same services and database as the web app.</summary>
public static partial class CliVerbs
{
    private static readonly string[] Verbs = ["migrate", "users", "tokens", "audit", "incidents", "catalogs"];

    public static bool Handles(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Mamori: 医療機関のサイバーセキュリティ対策チェックリスト");
        root.Subcommands.Add(Migrate());
        root.Subcommands.Add(Users());
        root.Subcommands.Add(Tokens());
        root.Subcommands.Add(Audit());
        root.Subcommands.Add(Incidents());
        root.Subcommands.Add(Catalogs());
        return await root.Parse(args).InvokeAsync();
    }

    private static Command Migrate()
    {
        var command = new Command("migrate", "データベースを最新の構造に更新します（複数ノード構成での更新手順用）。");
        command.SetAction(async (_, ct) => await WithServices(async services =>
        {
            await MamoriServices.MigrateAsync(services, ct);
            Console.WriteLine("データベースを更新しました。");
        }, migrate: false));
        return command;
    }

    private static Command Users()
    {
        var email = new Option<string>("--email") { Description = "メールアドレス（サインインID）", Required = true };
        var name = new Option<string>("--name") { Description = "氏名", Required = true };
        var role = new Option<string>("--role") { Description = "admin | executive | staff | vendor", Required = true };
        var facility = new Option<string?>("--facility") { Description = "医療機関のID（admin 以外は必須）" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "パスワードを標準入力から読み込みます" };
        var emergencyOption = new Option<bool>("--emergency") { Description = "非常時アカウントとして作成します（無効の状態で作成され、/emergency で理由を記入して有効にします）" };
        var add = new Command("add", "ユーザーを追加します。") { email, name, role, facility, passwordStdin, emergencyOption };
        add.SetAction(async (parse, ct) => await WithServices(async services =>
        {
            var roleValue = Roles.Parse(parse.GetValue(role)) ?? throw new InvalidInputException("--role は admin / executive / staff / vendor のいずれかです。", "role");
            Guid? facilityId = null;
            if (parse.GetValue(facility) is { Length: > 0 } f)
            {
                facilityId = Guid.TryParse(f, out var id) ? id : throw new InvalidInputException("--facility には医療機関のIDを指定してください。", "facility");
            }
            if (!parse.GetValue(passwordStdin))
            {
                throw new InvalidInputException("パスワードは --password-stdin で標準入力から渡してください（コマンドライン引数は履歴に残るため）。", "password");
            }
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
            var user = parse.GetValue(emergencyOption)
                ? await services.GetRequiredService<EmergencyAccounts>().CreateAsync(Actor.System, parse.GetValue(email), parse.GetValue(name), facilityId, password, ct)
                : await services.GetRequiredService<AccountService>().AddUserAsync(parse.GetValue(email), parse.GetValue(name), roleValue, facilityId, password, Actor.System, ct);
            Console.WriteLine($"ユーザーを追加しました: {user.Email} ({roleValue.ToKey()})");
        }));
        return new Command("users", "ユーザーを管理します。") { add };
    }

    private static Command Tokens()
    {
        var email = new Option<string>("--email") { Description = "トークンを使うユーザーのメールアドレス", Required = true };
        var label = new Option<string?>("--name") { Description = "トークンのラベル" };
        var expires = new Option<int?>("--expires-days") { Description = "有効期限（日数）" };
        var create = new Command("create", "APIトークンを作成し、標準出力に表示します（一度だけ表示されます）。") { email, label, expires };
        create.SetAction(async (parse, ct) => await WithServices(async services =>
        {
            var token = await services.GetRequiredService<AccountService>().CreateTokenAsync(parse.GetValue(email), parse.GetValue(label), parse.GetValue(expires), ct);
            Console.WriteLine(token);
        }));
        var id = new Option<string>("--id") { Description = "失効させるトークンのID（tokens list で表示）", Required = true };
        var revoke = new Command("revoke", "APIトークンを失効させます。") { id };
        revoke.SetAction(async (parse, ct) => await WithServices(async services =>
        {
            var tokenId = Guid.TryParse(parse.GetValue(id), out var g) ? g : throw new InvalidInputException("--id にはトークンのIDを指定してください。", "id");
            await services.GetRequiredService<AccountService>().RevokeTokenAsync(Actor.System, tokenId, ct);
            Console.WriteLine($"失効させました: {tokenId}");
        }));
        var listEmail = new Option<string>("--email") { Description = "ユーザーのメールアドレス", Required = true };
        var list = new Command("list", "ユーザーのAPIトークンを一覧表示します（トークン自体は表示されません）。") { listEmail };
        list.SetAction(async (parse, ct) => await WithServices(async services =>
        {
            var user = await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>().FindByEmailAsync(parse.GetValue(listEmail) ?? "")
                ?? throw new InvalidInputException("そのメールアドレスのユーザーは登録されていません。", "email");
            foreach (var t in await services.GetRequiredService<AccountService>().ListTokensAsync(user.Id, ct))
            {
                Console.WriteLine($"{t.Id}\t{t.Label}\t{(t.RevokedAt is null ? "active" : "revoked")}\texpires {t.ExpiresAt?.ToString("yyyy-MM-dd") ?? "-"}\tlast used {t.LastUsedAt?.ToString("yyyy-MM-dd HH:mm") ?? "-"}");
            }
        }));
        return new Command("tokens", "APIトークンを管理します。") { create, list, revoke };
    }

    private static Command Audit()
    {
        var verify = new Command("verify", "アクセスログの改ざん検知: 各チェーンを先頭から検証し、最後のアンカーと照合します。");
        verify.SetAction(async (_, ct) =>
        {
            var exit = 0;
            var result = await WithServices(async services =>
            {
                var verification = await services.GetRequiredService<Mamori.Audit.AuditVerifier>().VerifyAsync(ct);
                foreach (var chain in verification.Chains)
                {
                    var anchored = chain.Anchor is { } a ? $"anchored {a.Count} at {a.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "not anchored yet";
                    Console.WriteLine($"{Mamori.Audit.AuditChain.Describe(chain.Chain)}: {chain.Checked} entries checked, head {chain.Head}, {anchored}{(chain.Break is null ? "" : ", BROKEN")}");
                }
                if (verification.Break is null)
                {
                    Console.WriteLine($"OK: {verification.Checked} entries checked / アクセスログ {verification.Checked} 件を検証しました。改ざんは見つかりませんでした。");
                    return;
                }
                foreach (var broken in verification.Break.Split('\n'))
                {
                    await Console.Error.WriteLineAsync($"TAMPERED: {broken}");
                }
                await Console.Error.WriteLineAsync($"アクセスログの改ざんまたは欠落を検出しました（検証済み {verification.Checked} 件）。");
                exit = 3;
            });
            return result != 0 ? result : exit;
        });
        var anchor = new Command("anchor", "各チェーンの先頭（件数と最後のハッシュ）を今すぐアンカーファイルに追記します（バックアップの直前などに）。");
        anchor.SetAction(async (_, ct) => await WithServices(async services =>
        {
            var anchors = services.GetRequiredService<Mamori.Audit.AuditAnchors>();
            foreach (var line in await anchors.WriteAsync(services.GetRequiredService<MamoriDbContext>(), ct))
            {
                Console.WriteLine(line.ToLine());
            }
        }));
        var restored = new Command("restored", "バックアップから復元した後に実行します: アンカーより短くなったチェーンに、復元を記録した封印済みの記録を追加します。");
        restored.SetAction(async (_, ct) => await WithServices(async services =>
        {
            var anchors = services.GetRequiredService<Mamori.Audit.AuditAnchors>();
            var marked = await services.GetRequiredService<Mamori.Audit.AuditLog>().RestoredAsync(anchors.Latest(), ct);
            foreach (var chain in marked)
            {
                Console.WriteLine($"{Mamori.Audit.AuditChain.Describe(chain)}: restore recorded / 復元を記録しました。");
            }
            if (marked.Count == 0)
            {
                Console.WriteLine("No chain is behind its anchor / アンカーより短いチェーンはありません。");
            }
            await anchors.WriteAsync(services.GetRequiredService<MamoriDbContext>(), ct);
        }));
        return new Command("audit", "アクセスログを検証します。") { verify, anchor, restored };
    }

    /// <summary>Runs a verb with the app's services; a refusal prints its Japanese message and exits 1.</summary>
    private static async Task<int> WithServices(Func<IServiceProvider, Task> action, bool migrate = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        try
        {
            builder.Services.AddMamoriCore(WebApp.ReadDatabaseOptions(builder.Configuration), WebApp.ReadAuditFiles(builder.Configuration));
            Infrastructure.KeyProtection.Configure(builder.Services, builder.Configuration);
            using var host = builder.Build();
            if (migrate && builder.Configuration.GetValue("Database:MigrateOnStart", true))
            {
                await MamoriServices.MigrateAsync(host.Services);
            }
            using var scope = host.Services.CreateScope();
            await action(scope.ServiceProvider);
            return 0;
        }
        catch (MamoriException e)
        {
            await Console.Error.WriteLineAsync($"エラー: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync($"エラー: {e.Message}");
            return 1;
        }
    }
}
