using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Mamori.Tests.Fixtures;

/// <summary>
/// A browser without JavaScript: keeps cookies, reads pages with AngleSharp and submits their forms as they
/// are rendered (hidden fields, antiforgery token, checked radios), with the fields a person changed.
/// </summary>
public sealed class Browser(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Client { get; } = client;

    public async Task<HtmlPage> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url, Ct);
        return await ReadAsync(url, response);
    }

    /// <summary>Submits the page's form (by CSS selector) with some fields set; a null value unsets a field.</summary>
    public async Task<HtmlPage> SubmitAsync(HtmlPage page, string formSelector, IReadOnlyDictionary<string, string?>? changes = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}: {page.Document.Body?.TextContent}");
        var fields = Fields(form);
        foreach (var (name, value) in changes ?? new Dictionary<string, string?>())
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Url;
        using var content = new FormUrlEncodedContent(fields);
        using var response = await Client.PostAsync(action, content, Ct);
        return await ReadAsync(action, response);
    }

    /// <summary>Signs in through the login page, as a person does, with the authenticator's code when asked for one.</summary>
    public async Task SignInAsync(TestUser user, string password = MamoriApp.Password)
    {
        var login = await GetAsync("/login");
        var result = await SubmitAsync(login, "form", new Dictionary<string, string?> { ["Email"] = user.Email, ["Password"] = password });
        Assert.True(result.Status == HttpStatusCode.Redirect, $"sign-in failed: {(int)result.Status} {result.Text(".error")}");
        if (result.Location?.OriginalString.StartsWith("/login/two-factor", StringComparison.Ordinal) == true)
        {
            var authenticator = user.Authenticator ?? throw new InvalidOperationException($"{user.Email} has no authenticator but was asked for a code.");
            var second = await GetAsync(result.Location.OriginalString);
            result = await SubmitAsync(second, "form", new Dictionary<string, string?> { ["Code"] = await authenticator.NextCodeAsync() });
            Assert.True(result.Status == HttpStatusCode.Redirect, $"two-factor sign-in failed: {(int)result.Status} {result.Text(".error")}");
        }
    }

    public void Dispose() => Client.Dispose();

    private static async Task<HtmlPage> ReadAsync(string url, HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(Ct);
        return new HtmlPage(url, response.StatusCode, response.Headers.Location, Parser.ParseDocument(html));
    }

    /// <summary>What a browser would send for the form: enabled named controls; radios and checkboxes only when checked.</summary>
    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            if (element.HasAttribute("disabled") || element.Closest("fieldset[disabled]") is not null)
            {
                continue;
            }
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "radio" or "checkbox" } box:
                    if (box.HasAttribute("checked"))
                    {
                        fields.Add(new(name, box.GetAttribute("value") ?? "on"));
                    }
                    break;
                case IHtmlInputElement { Type: "submit" or "button" or "image" or "reset" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.GetAttribute("value") ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.TextContent));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.QuerySelector("option[selected]")?.GetAttribute("value") ?? ""));
                    break;
            }
        }
        return fields;
    }
}

public sealed record HtmlPage(string Url, HttpStatusCode Status, Uri? Location, IDocument Document)
{
    public string? Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim();
}
