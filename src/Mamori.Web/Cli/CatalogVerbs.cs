using System.CommandLine;
using Mamori.Accounts;
using Mamori.Catalog;
using Mamori.Common;

namespace Mamori.Web.Cli;

public static partial class CliVerbs
{
    /// <summary>`mamori catalogs …`: load a yearly edition from the ministry's text, as POST /api/v1/catalogs does.</summary>
    private static Command Catalogs()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "版の JSON ファイル（catalog/README.md の形式、checklists に各チェックリストを含める）" };
        var import = new Command("import", "チェックリストの版を読み込みます。") { file };
        import.SetAction(async (parse, ct) => await WithServices(async services =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new InvalidInputException("ファイル {0} が見つかりません。", [path.FullName], "file");
            }
            var catalog = await services.GetRequiredService<CatalogLibrary>().ImportAsync(Actor.System, await File.ReadAllTextAsync(path.FullName, ct), ct);
            Console.WriteLine($"読み込みました: {catalog.Id}\t{catalog.Title}\t{catalog.Checklists.Count} 様式 / {catalog.Checklists.Sum(c => c.Items.Count)} 項目");
        }));
        var list = new Command("list", "チェックリストの版を表示します。");
        list.SetAction(async (_, ct) => await WithServices(async services =>
        {
            foreach (var c in await services.GetRequiredService<CatalogLibrary>().AllAsync(ct))
            {
                Console.WriteLine($"{c.Id}\tr{c.Revision}\t{c.AnswerScheme.Kind}\t{JapaneseDates.Iso(c.IssuedOn)}\t{c.Title}");
            }
        }));
        return new Command("catalogs", "チェックリストの版（年度版の読み込み）。") { import, list };
    }
}
