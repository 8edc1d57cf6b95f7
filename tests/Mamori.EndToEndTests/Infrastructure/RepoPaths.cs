using System.Reflection;

namespace Mamori.EndToEndTests.Infrastructure;

/// <summary>Where things are: the repository (found from the test binary), the built app, the screenshots.</summary>
public static class RepoPaths
{
    private static readonly string[] Configurations = ["Release", "Debug"];

    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built with, so the app under test is the one built alongside it.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Release";

    public static string Artifacts { get; } = Path.Combine(Root, "artifacts", "e2e");

    public static string Catalog { get; } = Path.Combine(Root, "catalog", "mhlw-2021-10");

    /// <summary>The app's entry assembly: the one built with the tests' configuration, else whichever configuration exists.</summary>
    public static string AppDll()
    {
        var bin = Path.Combine(Root, "src", "Mamori.Web", "bin");
        var preferred = Path.Combine(bin, Configuration, "net10.0", "mamori.dll");
        if (File.Exists(preferred))
        {
            return preferred;
        }
        var fallback = Configurations.Select(c => Path.Combine(bin, c, "net10.0", "mamori.dll")).FirstOrDefault(File.Exists);
        return fallback ?? throw new FileNotFoundException(
            $"The app is not built: {preferred} is missing. Run `dotnet build Mamori.slnx -c {Configuration}` first.", preferred);
    }

    public static string AxeScript()
    {
        var path = Path.Combine(Root, "tests", "Mamori.EndToEndTests", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"axe-core is not installed: run `npm ci` in tests/Mamori.EndToEndTests ({path} is missing).", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mamori.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Mamori.slnx above {AppContext.BaseDirectory}.");
    }
}
