using Mamori.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Every error leaves as RFC 7807 problem details with a title (API) or a plain page, never a stack trace: known
/// refusals keep their message and status, anything else is a logged 500. Texts are Japanese and double as resource
/// keys; the overloads taking the HttpContext give them in the request's UI language (Japanese unless it asked for English).
/// </summary>
public static class ProblemResponses
{
    public static string TitleFor(int status) => status switch
    {
        400 => "入力内容に誤りがあります。",
        401 => "認証が必要です。",
        403 => "この操作を行う権限がありません。",
        404 => "見つかりません。",
        405 => "この操作はサポートされていません。",
        409 => "他の変更と競合しました。",
        410 => "受付は終了しました。",
        413 => "送信されたデータが大きすぎます。",
        415 => "送信されたデータの形式に対応していません。",
        429 => "リクエストが多すぎます。しばらく待ってから再度お試しください。",
        _ when status >= 500 => "サーバーで問題が発生しました。管理者に連絡してください。",
        _ => "リクエストを処理できませんでした。",
    };

    public static string TitleFor(int status, HttpContext context) => Localizer(context)[TitleFor(status)];

    /// <summary>As <see cref="Classify(Exception)"/>, with the message in the request's UI language.</summary>
    public static (int Status, string Message, string? Field) Classify(Exception exception, HttpContext context)
    {
        var (status, message, field) = Classify(exception);
        if (exception is BadHttpRequestException { StatusCode: 400 })
        {
            // A JSON body that was empty, or read as nothing (null), is about the JSON, not the parameters.
            message = context.Request.ContentLength == 0 ? "送信内容が空です。JSONの本文を送ってください。"
                : context.Request.HasJsonContentType() ? MalformedJson
                : message;
        }
        var localizer = Localizer(context);
        return (status, exception is MamoriException e ? Localize(localizer, e.Text) : localizer[message], field);
    }

    /// <summary>
    /// The format is looked up (falling back to the Japanese when there is no translation), and so are the values
    /// that are texts themselves; a plain string value is looked up too, which translates labels such as 件名 and
    /// leaves what someone typed as it is.
    /// </summary>
    public static string Localize(IStringLocalizer localizer, MessageText text)
    {
        if (text.Arguments.Length == 0)
        {
            return localizer[text.Format];
        }
        var values = text.Arguments.Select(a => a switch
        {
            MessageText nested => Localize(localizer, nested),
            MessageList list => string.Join(localizer[list.Separator], list.Items.Select(i => Localize(localizer, i))),
            string s when s.Length > 0 => localizer[s].Value,
            null => string.Empty,
            _ => a,
        }).ToArray();
        return localizer[text.Format, values];
    }

    private static IStringLocalizer Localizer(HttpContext context) => context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    public static (int Status, string Message, string? Field) Classify(Exception exception) => exception switch
    {
        InvalidInputException e => (400, e.Message, e.Field),
        TooLargeException e => (413, e.Message, e.Field),
        NotFoundException e => (404, e.Message, null),
        ForbiddenException e => (403, e.Message, null),
        ConflictException e => (409, e.Message, null),
        GoneException e => (410, e.Message, null),
        BadHttpRequestException { InnerException: System.Text.Json.JsonException } => (400, MalformedJson, null),
        BadHttpRequestException e => (e.StatusCode, BindingDetail(e.StatusCode), null),
        System.Text.Json.JsonException => (400, MalformedJson, null),
        _ => (500, TitleFor(500), null),
    };

    private const string MalformedJson = "リクエストの形式が正しくありません。JSONの構文と各項目の型を確認してください。";

    /// <summary>
    /// What the framework refused before the endpoint ran, told in our words: a parameter that would not bind (400,
    /// often without an exception, so also from the status code page), a body that is not JSON (415), a body too large.
    /// </summary>
    private static string BindingDetail(int status) => status switch
    {
        400 => "リクエストの形式が正しくありません。パラメーターの値と各項目の型を確認してください。",
        415 => "JSON（Content-Type: application/json）で送信してください。",
        _ => TitleFor(status),
    };

    public static void Configure(ProblemDetailsOptions options) =>
        options.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            c.ProblemDetails.Title = TitleFor(status, c.HttpContext);
            c.ProblemDetails.Type = null;
            c.ProblemDetails.Extensions.Remove("traceId");
            c.ProblemDetails.Extensions.Remove("exception");
        };

    public static Task WriteAsync(HttpContext context, int status, string detail, string? field = null)
    {
        context.Response.StatusCode = status;
        // The detail is a Japanese text or already translated; looking it up again leaves a translation as it is.
        var problem = new ProblemDetails { Status = status, Title = TitleFor(status, context), Detail = Localizer(context)[detail] };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }
        return Results.Problem(problem).ExecuteAsync(context);
    }

    public static async Task Handle(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, message, field) = Classify(exception ?? new InvalidOperationException(), context);
        if (status >= 500)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Mamori.Errors").LogError(exception, "Unhandled error on {Path}", context.Request.Path);
        }
        await RefuseAsync(context, status, message, field);
    }

    /// <summary>A refusal before any endpoint ran: a problem for the API and JSON callers, the plain error page otherwise.</summary>
    public static Task RefuseAsync(HttpContext context, int status, MessageText message) =>
        RefuseAsync(context, status, Localize(Localizer(context), message));

    private static async Task RefuseAsync(HttpContext context, int status, string message, string? field = null)
    {
        if (WantsProblem(context))
        {
            await WriteAsync(context, status, message, field);
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(ErrorPage(context, status, message));
    }

    public static async Task StatusCodePage(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var code = context.Response.StatusCode;
        if (WantsProblem(context))
        {
            await WriteAsync(context, code, IsApi(context) ? BindingDetail(code) : TitleFor(code));
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await ShowErrorPageAsync(status);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(ErrorPage(context, code, TitleFor(code, context)));
    }

    /// <summary>
    /// Runs the request again as the Error page (as UseStatusCodePagesWithReExecute does), so an unknown address or
    /// id shows the site's header and menu with the status kept. Only for GET: a re-run POST would meet the
    /// antiforgery check of a form it never had.
    /// </summary>
    private static async Task ShowErrorPageAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var (path, pathBase, query, endpoint) = (context.Request.Path, context.Request.PathBase, context.Request.QueryString, context.GetEndpoint());
        var routeValues = context.Features.Get<Microsoft.AspNetCore.Http.Features.IRouteValuesFeature>();
        context.Features.Set<IStatusCodeReExecuteFeature>(new ReExecuted
        {
            OriginalPath = path, OriginalPathBase = pathBase, OriginalQueryString = query.HasValue ? query.Value : null,
            OriginalStatusCode = context.Response.StatusCode, Endpoint = endpoint, RouteValues = routeValues?.RouteValues is { } values ? new(values) : null,
        });
        context.SetEndpoint(null);
        routeValues?.RouteValues?.Clear();
        context.Request.Path = "/Error";
        context.Request.QueryString = QueryString.Empty;
        try
        {
            await status.Next(context);
        }
        finally
        {
            context.Request.Path = path;
            context.Request.QueryString = query;
            context.Features.Set<IStatusCodeReExecuteFeature>(null);
        }
    }

    private sealed class ReExecuted : IStatusCodeReExecuteFeature
    {
        public required string OriginalPathBase { get; set; }
        public required string OriginalPath { get; set; }
        public string? OriginalQueryString { get; set; }
        public int OriginalStatusCode { get; init; }
        public Endpoint? Endpoint { get; init; }
        public Microsoft.AspNetCore.Routing.RouteValueDictionary? RouteValues { get; init; }
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>
    /// The API, and a JSON request anywhere (POST /r/{code}): a program that sent JSON reads the refusal as a problem,
    /// also when it comes before the endpoint runs (malformed JSON, the rate limit).
    /// </summary>
    public static bool WantsProblem(HttpContext context) => IsApi(context) || context.Request.HasJsonContentType();

    private static string ErrorPage(HttpContext context, int status, string message) =>
        $"""
        <!DOCTYPE html><html lang="{(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{status} - Mamori</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/css/site.css"></head>
        <body><main class="container"><h1>{status}</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p><p><a href="/">{System.Net.WebUtility.HtmlEncode(Localizer(context)["トップページへ戻る"])}</a></p></main></body></html>
        """;
}
