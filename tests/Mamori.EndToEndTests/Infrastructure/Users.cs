using System.Diagnostics;
using System.Text;

namespace Mamori.EndToEndTests.Infrastructure;

/// <summary>Other people of a facility, made the way an operator makes them: `mamori users add … --password-stdin` on the server's database.</summary>
public static class Users
{
    // Shares nothing with the e-mail or name (the password rules refuse that).
    public const string Password = "Kagi#Hoshi-2026-Yoru";

    public static async Task<Account> AddAsync(MamoriApp app, string role, Guid facilityId, string name)
    {
        var email = $"{role}-{Guid.NewGuid():N}@e2e.mamori.test";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = app.Server.WorkDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { RepoPaths.AppDll(), "users", "add", "--email", email, "--name", name, "--role", role, "--facility", facilityId.ToString(), "--password-stdin" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment.Remove("ConnectionStrings__Mamori");
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start mamori users add.");
        await process.StandardInput.WriteLineAsync(Password);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mamori users add exited with {process.ExitCode}: {errors}{output}");
        }
        return new Account(email, name, Password);
    }
}
