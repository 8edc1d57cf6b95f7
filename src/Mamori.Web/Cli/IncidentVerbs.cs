using System.CommandLine;
using Mamori.Accounts;
using Mamori.Common;
using Mamori.Incidents;

namespace Mamori.Web.Cli;

public static partial class CliVerbs
{
    /// <summary>`mamori incidents …`: the same IncidentService as the pages, for the console (and for printing the binder when the web is down).</summary>
    private static Command Incidents()
    {
        var facility = new Option<string?>("--facility") { Description = "医療機関のID（省略するとすべて）" };
        var exercises = new Option<bool>("--exercises") { Description = "訓練の記録を一覧表示します" };
        var list = new Command("list", "インシデント（または訓練）を新しい順に表示します（1ページ50件）。") { facility, exercises };
        list.SetAction(async (parse, ct) => await WithServices(async services =>
        {
            var id = ParseFacility(parse.GetValue(facility));
            foreach (var i in await services.GetRequiredService<IncidentService>().ListAsync(Actor.System, id, parse.GetValue(exercises), 0, ct))
            {
                Console.WriteLine($"{i.Id}\t{JapaneseDates.DateTime(i.DetectedAt)}\t{i.Status.ToKey()}\t{i.FacilityName}\t{i.Title}");
            }
        }));

        var binderFacility = new Option<string>("--facility") { Description = "医療機関のID", Required = true };
        var output = new Option<string>("--out") { Description = "書き出すPDFファイル", Required = true };
        var binder = new Command("binder", "緊急時対応バインダー（PDF）を書き出します。印刷して保管してください。") { binderFacility, output };
        binder.SetAction(async (parse, ct) => await WithServices(async services =>
        {
            var id = ParseFacility(parse.GetValue(binderFacility)) ?? throw new InvalidInputException("--facility を指定してください。", "facility");
            var (_, pdf) = await services.GetRequiredService<PreparednessService>().BinderAsync(Actor.System, id, ct);
            await File.WriteAllBytesAsync(parse.GetValue(output)!, pdf, ct);
            Console.WriteLine($"{parse.GetValue(output)} ({pdf.Length:N0} bytes)");
        }));
        return new Command("incidents", "インシデント対応の記録と緊急時対応バインダー。") { list, binder };
    }

    private static Guid? ParseFacility(string? text) =>
        text is null ? null : Guid.TryParse(text, out var id) ? id : throw new InvalidInputException("医療機関のIDが正しくありません。", "facility");
}
