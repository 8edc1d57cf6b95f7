using System.Net.Http.Headers;
using System.Text;
using Mamori.Assessments;

namespace Mamori.Bench;

/// <summary>
/// A 1,000-bed hospital with 2,000 staff on the morning its staff campaign is announced, at ten times its peak:
/// staff answer from their phones, department managers refresh the campaign's results, the administrator answers
/// the システム管理者 round (each answer saved as it is chosen), executives open their pages, and rounds are exported.
/// At the real peak (5 responses, 2 page views, 1 save a second) a clinic PC would idle; ten times that is what the
/// targets are set on.
/// </summary>
public static class HospitalProfile
{
    public const double ResponsesPerSecond = 50, PagesPerSecond = 20, SavesPerSecond = 10, ExportsPerSecond = 2;

    public static IReadOnlyList<RequestKind> Kinds(SeedResult seed, SeededCampaign campaign, Browsers browsers, int browserCount)
    {
        var writable = seed.Rounds.Where(r => r.InProgress && r.Checklist == "sysadmin").ToArray();
        var rounds = seed.Rounds;
        return
        [
            new("Staff response (POST /r/{code})", ResponsesPerSecond, n =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/r/{campaign.DepartmentCodes[n % campaign.DepartmentCodes.Length]}");
                var marks = string.Join(",", Enumerable.Range(1, 10).Select(i => $"\"{i}\":\"{((n + i) % 4 == 0 ? "no" : "yes")}\""));
                request.Content = new StringContent($"{{\"jobType\":\"看護師\",\"answers\":{{{marks}}}}}", Encoding.UTF8, "application/json");
                return request;
            }),
            new("Page view (results, checklist, home)", PagesPerSecond, n =>
            {
                var browser = (int)(n % browserCount);
                return (n % 3) switch
                {
                    0 => browsers.Get(browser, $"/campaigns/{campaign.Id}/results"),
                    1 => browsers.Get(browser, $"/assessments/{rounds[(int)(n * 7919 % rounds.Count)].Id}"),
                    _ => browsers.Get(browser, "/"),
                };
            }, (n, response) => browsers.Keep((int)(n % browserCount), response)),
            new("Answer save (PUT answers)", SavesPerSecond, n =>
            {
                // One item after another of the rounds in progress, each flipped: every save is a real change.
                var round = writable[n % writable.Length];
                var index = (int)(n / writable.Length % round.Items.Length);
                var next = round.Values[index] == AnswerValue.Yes ? AnswerValue.No : AnswerValue.Yes;
                round.Values[index] = next;
                var request = Bearer(HttpMethod.Put, $"/api/v1/assessments/{round.Id}/answers/{round.Items[index]}", seed.Token);
                request.Content = new StringContent(next == AnswerValue.Yes ? """{"answer":"yes"}""" : """{"answer":"no"}""", Encoding.UTF8, "application/json");
                return request;
            }),
            new("Export (round .xlsx)", ExportsPerSecond, n => Bearer(HttpMethod.Get, $"/api/v1/assessments/{rounds[(int)(n * 104729 % rounds.Count)].Id}/export.xlsx", seed.Token)),
        ];
    }

    public static HttpRequestMessage Bearer(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
