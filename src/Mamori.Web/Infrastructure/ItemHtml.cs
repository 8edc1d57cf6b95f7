using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Mamori.Catalog;
using Microsoft.AspNetCore.Html;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// A checklist item's text as HTML: its sentences as paragraphs, its ・ bullets and a./b./c. sub-items as lists
/// (<see cref="ItemText"/>). The texts are the catalog's fixed wording and a system administrator's form shows 92
/// of them, so each is rendered once per process and reused instead of through a partial view per item, which
/// looked up and activated a view 92 times per form. The encoder allows every script, as the site's does
/// (WebApp's WebEncoderOptions), so Japanese stays readable in the source.
/// </summary>
public static class ItemHtml
{
    // Catalog texts only, so the cache stays small; the cap guards against a caller passing anything else.
    private const int MaxCached = 20_000;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly ConcurrentDictionary<string, HtmlString> Cache = new(StringComparer.Ordinal);

    public static HtmlString Render(string text)
    {
        if (Cache.TryGetValue(text, out var html))
        {
            return html;
        }
        html = Build(text);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(text, html);
        }
        return html;
    }

    private static HtmlString Build(string text)
    {
        var html = new StringBuilder();
        foreach (var block in ItemText.Parse(text))
        {
            if (block.Kind == TextBlockKind.Paragraph)
            {
                html.Append("<p class=\"item-line\">").Append(Encoder.Encode(block.Lines[0])).Append("</p>");
                continue;
            }
            html.Append(block.Kind == TextBlockKind.Bullets ? "<ul class=\"item-bullets\">" : "<ul class=\"item-lettered\">");
            foreach (var line in block.Lines)
            {
                html.Append("<li>").Append(Encoder.Encode(line)).Append("</li>");
            }
            html.Append("</ul>");
        }
        return new HtmlString(html.ToString());
    }
}
