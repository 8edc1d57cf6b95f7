using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mamori.Tests.Fixtures;

/// <summary>
/// Yearly editions made for the tests. Their wording is invented, so every title says so: nothing here may be
/// mistaken for the ministry's text (the real 令和5〜8年度版 are loaded by each installation from the ministry's files).
/// </summary>
public static class TestEditions
{
    public const string TitleMark = "【テスト用の架空の版】";

    /// <summary>A unique id for each test, since the editions of one test database are shared by its tests.</summary>
    public static string NewId(string prefix = "test-yearly") => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// An edition with the yearly forms' shape: a gate question, sections 1–3, device categories, 医療機関確認用,
    /// 事業者確認用 and 薬局確認用. <paramref name="previous"/> makes item 3 of each form carry from last year's 2.
    /// </summary>
    public static JsonObject Yearly(string id, string? previous = null)
    {
        JsonObject Item(int number, string section, string text, string? category = null, int? carriesFrom = null)
        {
            var item = new JsonObject { ["number"] = number, ["perspective"] = null, ["section"] = section, ["text"] = text };
            if (category is not null)
            {
                item["category"] = category;
            }
            if (carriesFrom is not null)
            {
                item["carriesFrom"] = carriesFrom;
            }
            return item;
        }
        JsonObject Form(string key, string title, string audience, JsonArray kinds, bool perVendor) => new()
        {
            ["key"] = key,
            ["title"] = $"{TitleMark}{title}",
            ["audience"] = audience,
            ["requires"] = null,
            ["hasPerspectives"] = false,
            ["perVendor"] = perVendor,
            ["facilityKinds"] = kinds,
            ["purpose"] = new JsonArray(),
            ["howToUse"] = new JsonArray("テスト用の使い方の文です。"),
            ["resultNote"] = null,
            ["sections"] = new JsonArray(
                new JsonObject { ["key"] = "1", ["title"] = "体制構築" },
                new JsonObject { ["key"] = "2", ["title"] = "医療情報システムの管理・運用" },
                new JsonObject { ["key"] = "3", ["title"] = "インシデント発生に備えた対応" }),
            ["items"] = new JsonArray(
                new JsonObject { ["number"] = 1, ["perspective"] = null, ["gateway"] = true, ["text"] = "（テスト）医療情報システムを導入、運用している。" },
                Item(2, "1", "（テスト）責任者を定めている。"),
                Item(3, "1", previous is null ? "（テスト）体制図を作っている。" : "（テスト）体制図を作り、年に一度見直している。", carriesFrom: previous is null ? null : 2),
                Item(4, "2", "（テスト）サーバの利用者の権限を見直している。", "server"),
                Item(5, "2", "（テスト）端末PCのソフトウェアを更新している。", "terminal"),
                Item(6, "3", "（テスト）バックアップから復旧できることを確かめている。")),
        };
        var edition = new JsonObject
        {
            ["formatVersion"] = 1,
            ["id"] = id,
            ["title"] = $"{TitleMark}医療機関におけるサイバーセキュリティ対策チェックリスト",
            ["titleEn"] = "[Invented edition for tests] Yearly checklist",
            ["edition"] = "テスト年度版",
            ["issuedOn"] = "2026-06-01",
            ["publisher"] = "Mamori のテスト",
            ["source"] = "テストのために作った文で、厚生労働省の文書ではありません。",
            ["answerScheme"] = new JsonObject { ["kind"] = "yes-no", ["rounds"] = 2, ["confirmedOn"] = true, ["targetDateWhenNo"] = true },
            ["perspectives"] = new JsonArray(),
            ["introduction"] = new JsonArray(),
            ["resultNote"] = null,
            ["guidelines"] = new JsonArray(),
            ["categories"] = new JsonArray(
                new JsonObject { ["key"] = "general", ["label"] = "医療情報システム全般" },
                new JsonObject { ["key"] = "server", ["label"] = "サーバ" },
                new JsonObject { ["key"] = "terminal", ["label"] = "端末PC" },
                new JsonObject { ["key"] = "network", ["label"] = "ネットワーク機器" }),
            ["checklists"] = new JsonArray(
                Form("institution", "医療機関確認用", "sysadmin", new JsonArray("hospital", "clinic", "dental-clinic"), false),
                Form("vendor", "事業者確認用", "vendor", new JsonArray(), true),
                Form("pharmacy", "薬局確認用", "sysadmin", new JsonArray("pharmacy"), false)),
        };
        if (previous is not null)
        {
            edition["previousEdition"] = previous;
        }
        return edition;
    }

    public static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Imports an edition through the API and returns its id.</summary>
    public static async Task<string> ImportAsync(this HttpClient admin, JsonObject edition)
    {
        using var response = await admin.PostRawJsonAsync("/api/v1/catalogs", Json(edition));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"import: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}
