using Mamori.Accounts;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// No default password: on a start with no users, the console (which only the operator sees) gets a
/// one-time link that lets them create the first administrator.
/// </summary>
public static class SetupLink
{
    public static async Task PrintIfNeededAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var code = await scope.ServiceProvider.GetRequiredService<AccountService>().IssueSetupCodeAsync();
        if (code is null)
        {
            return;
        }
        var address = (WebApp.FirstAddress(app) ?? "http://localhost:5000").Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost");
        var url = $"{address.TrimEnd('/')}/setup?code={code}";
        Console.WriteLine();
        Console.WriteLine("==============================================================");
        Console.WriteLine(" Mamori 初回セットアップ / First-time setup");
        Console.WriteLine(" 次のURLをブラウザで開き、最初の管理者を作成してください:");
        Console.WriteLine($" {url}");
        Console.WriteLine($" セットアップコード / setup code: {code}  (24時間有効)");
        Console.WriteLine("==============================================================");
        Console.WriteLine();
    }
}
