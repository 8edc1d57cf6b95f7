using System.Text.RegularExpressions;
using Mamori.Catalog;

namespace Mamori.Tests.Incidents;

/// <summary>The shipped flowchart against the seed: 37 steps, who acts in each, the 2-1 decision, the links.</summary>
public sealed partial class IncidentFlowCatalogTests
{
    private static readonly IncidentFlow Flow = CatalogStore.LoadEmbedded().Find("mhlw-2021-10")?.IncidentFlow
        ?? throw new InvalidOperationException("mhlw-2021-10 has no incident flow.");

    [Fact]
    public void The_flow_has_37_steps_in_five_phases_numbered_without_gaps()
    {
        Assert.Equal("医療情報システム等の障害発生時の対応フローチャート", Flow.Title);
        Assert.Equal(37, Flow.Steps.Count);
        Assert.Equal(["体制整備", "検知", "初動対応", "復旧処理", "事後対応"], Flow.Phases.Select(p => p.Title));
        var perPhase = Flow.Steps.GroupBy(s => s.Phase).ToDictionary(g => g.Key, g => g.Select(s => s.Number).ToList());
        Assert.Equal([1, 2], perPhase[0]);
        Assert.Equal(Enumerable.Range(1, 4), perPhase[1]);
        Assert.Equal(Enumerable.Range(1, 18), perPhase[2]);
        Assert.Equal(Enumerable.Range(1, 4), perPhase[3]);
        Assert.Equal(Enumerable.Range(1, 9), perPhase[4]);
        Assert.All(Flow.Steps, s => Assert.Equal($"{s.Phase}-{s.Number}", s.Id));
    }

    [Fact]
    public void Executives_and_staff_have_the_steps_the_flowchart_gives_them()
    {
        Assert.Equal(["0-1", "2-8", "2-12", "2-13", "2-17", "2-18", "3-1", "4-2", "4-3", "4-4", "4-9"],
            Flow.Steps.Where(s => s.IsFor(FlowRole.Executive)).Select(s => s.Id));
        Assert.Equal(["1-1", "1-2", "1-3", "2-9", "4-7"], Flow.Steps.Where(s => s.IsFor(FlowRole.Staff)).Select(s => s.Id));
        Assert.Equal(["0-2", "1-1", "1-3", "2-1", "2-10"], Flow.Steps.Where(s => s.IsFor(FlowRole.External)).Select(s => s.Id));
        Assert.Equal(["0-1", "0-2", "1-1", "1-4", "2-1", "2-2", "2-3", "2-4", "2-5", "2-6", "2-7", "2-10", "2-11", "2-14", "2-15", "2-16", "3-2", "3-3", "3-4", "4-1", "4-5", "4-6", "4-8"],
            Flow.Steps.Where(s => s.IsFor(FlowRole.SafetyManager)).Select(s => s.Id));
    }

    [Fact]
    public void The_decision_after_2_1_splits_containment_from_the_technical_checks()
    {
        Assert.Equal("2-1", Flow.Decision.After);
        Assert.Equal(["2-2", "2-3", "2-4", "2-5"], Flow.Decision.NoSigns.Steps);
        Assert.Equal("2-6", Flow.Decision.Signs.Steps[0]);
        Assert.Contains("2-14", Flow.Decision.Signs.Steps);
        Assert.Contains("2-18", Flow.Decision.Signs.Steps);
        Assert.All(Flow.Steps.Where(s => s.Phase != 2 || s.Number == 1), s => Assert.Equal(FlowPath.Always, s.Path));
    }

    [Fact]
    public void Steps_link_to_the_steps_their_text_names()
    {
        Assert.Equal(["2-13", "4-3"], Flow.FindStep("2-12")!.Links);
        Assert.Equal(["2-1"], Flow.FindStep("2-6")!.Links);
        foreach (var step in Flow.Steps)
        {
            var named = StepReference().Matches(string.Concat(step.Sections.Select(x => x.Text))).Select(m => m.Groups[1].Value).Distinct();
            Assert.All(named, id => Assert.Contains(id, step.Links));
        }
    }

    [Fact]
    public void Report_items_and_examples_are_kept()
    {
        var items = Flow.FindStep("2-10")!.ReportItems;
        Assert.Equal(7, items.Count);
        Assert.Equal("異常が発見された日", items[0]);
        Assert.Contains("攻撃手法（判明する場合）", items);
        Assert.Equal(5, Flow.FindStep("2-1")!.Examples!.Items.Count);
        Assert.Equal(5, Flow.FindStep("2-6")!.Examples!.Items.Count);
        Assert.StartsWith("医療従事者等から不正メールの受信報告", Flow.FindStep("2-1")!.Examples!.Items[0].Symptom);
    }

    [Fact]
    public void Text_is_clean_Japanese()
    {
        var texts = Flow.Steps.SelectMany(s => s.Sections.Select(x => x.Text).Append(s.Title).Concat(s.ReportItems)
            .Concat(s.Examples?.Items.SelectMany(i => new[] { i.Symptom, i.Response }) ?? []));
        Assert.All(texts, t =>
        {
            Assert.DoesNotContain("(", t);
            Assert.DoesNotContain(")", t);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}[ ]\p{IsCJKUnifiedIdeographs}", t);
            Assert.DoesNotContain("- ・", t);
        });
        Assert.Equal("非常時に備えたサイバーセキュリティ体制の整備とリスク検知のための情報収集", Flow.FindStep("0-1")!.Title);
        Assert.Contains("サイバー攻撃の兆候について報告を受けた", Flow.FindStep("2-8")!.Sections[0].Text);
    }

    [Fact]
    public void Every_step_carries_its_text_including_4_9_from_the_seeds_last_line()
    {
        Assert.DoesNotContain(Flow.Steps, s => s.TextMissing);
        Assert.All(Flow.Steps, s => Assert.All(s.Sections, x => Assert.False(string.IsNullOrWhiteSpace(x.Text))));
        Assert.Equal("サイバー攻撃の影響や被害状況や影響範囲等を踏まえて、情報公開の必要性について検討する。", Assert.Single(Flow.FindStep("4-9")!.Sections).Text);
    }

    [Fact]
    public void Default_contacts_carry_only_known_details()
    {
        var keys = Flow.Contacts.Select(c => c.Key).ToList();
        Assert.Equal(["mhlw-seed", "mhlw-current", "initial-response", "ipa-seed", "ipa-current", "ppc", "police-prefecture", "police-national", "prefecture"], keys);
        // The only telephone number in the seed's flowchart is IPA's old desk; nothing else is guessed.
        Assert.Equal(["03-5978-7509"], Flow.Contacts.Where(c => c.Phone is not null).Select(c => c.Phone));
        Assert.True(Flow.Contacts.Single(c => c.Key == "ipa-seed").History);
        Assert.Equal(["mhlw-seed", "mhlw-current"], Flow.FindStep("2-13")!.Contacts);
    }

    [Fact]
    public void The_current_desks_of_2026_say_when_they_were_confirmed_and_where_to_check_them()
    {
        var ipa = Flow.Contacts.Single(c => c.Key == "ipa-current");
        Assert.Equal("cs-support@ipa.go.jp", ipa.Email);
        Assert.Equal("https://www.ipa.go.jp/security/support/soudan.html", ipa.Url);
        Assert.Equal("https://www.ppc.go.jp/personalinfo/legal/leakAction/", Flow.Contacts.Single(c => c.Key == "ppc").Url);
        var police = Flow.Contacts.Single(c => c.Key == "police-national");
        Assert.Equal("https://www.npa.go.jp/bureau/cyber/soudan.html", police.Url);
        Assert.Contains("被害届ではありません", police.Note);
        Assert.Contains("110番", police.Note);
        Assert.Equal("https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/kenkou_iryou/iryou/johoka/cyber-security.html", Flow.Contacts.Single(c => c.Key == "mhlw-current").Url);
        Assert.All(Flow.Contacts.Where(c => !c.History && c.Key is not ("initial-response" or "police-prefecture" or "prefecture")), c => Assert.NotNull(c.ConfirmedOn));
    }

    /// <summary>A step id written in running text, e.g. 【2-13】 or 「2-1による」 (not part of a phone number).</summary>
    [GeneratedRegex(@"(?<![\d.])(\d-\d{1,2})(?![\d])")]
    private static partial Regex StepReference();
}
