using Mamori.Common;
using Microsoft.AspNetCore.Http.Features;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// A form post's body is read here, once, before antiforgery and model binding read it: a body that is not the form
/// its content type claims (multipart without a boundary, or not multipart at all) is a 400, and one over the form
/// limits a 413, each with its message, where those readers would have thrown and answered 500. The form is kept on
/// the request, so the page reads the same one.
/// </summary>
public static class FormReading
{
    public static IApplicationBuilder UseFormReading(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
            {
                var options = context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<FormOptions>>()?.Value ?? new FormOptions();
                var (status, message) = Classify(e, options, context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize);
                await ProblemResponses.RefuseAsync(context, status, message);
                return;
            }
        }
        await next(context);
    });

    /// <summary>
    /// The framework says which limit a form broke only in its message (there is no exception type per limit), so
    /// the limits are told apart by it; anything else about the body is a malformed form (400), never a 500.
    /// </summary>
    public static (int Status, MessageText Message) Classify(Exception exception, FormOptions options, long? maxRequestBodySize = null)
    {
        // The server's own limit on a request (Kestrel's MaxRequestBodySize, 30 MB unless set) comes as its status.
        if (exception is BadHttpRequestException { StatusCode: 413 })
        {
            return maxRequestBodySize is { } max
                ? (413, new MessageText("送信されたデータが大きすぎます。一度に送れるのは{0}MBまでです。", Megabytes(max)))
                : (413, new MessageText("送信されたデータが大きすぎます。"));
        }
        var text = exception.Message;
        if (exception is InvalidDataException && text.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            if (text.StartsWith("Multipart body length limit", StringComparison.Ordinal))
            {
                return (413, new MessageText("送信されたデータが大きすぎます。一度に送れるのは{0}MBまでです。", Megabytes(options.MultipartBodyLengthLimit)));
            }
            if (text.StartsWith("Form value length limit", StringComparison.Ordinal) || text.StartsWith("Form key length limit", StringComparison.Ordinal))
            {
                return (413, new MessageText("入力された内容が大きすぎます。1つの入力欄に送れるのは{0}MBまでです。", Megabytes(options.ValueLengthLimit)));
            }
            return (413, new MessageText("送信された入力欄が多すぎるか、大きすぎます。"));
        }
        return (400, new MessageText("送信されたフォームの形式が正しくありません。ページを開き直して、もう一度送信してください。"));
    }

    private static long Megabytes(long bytes) => bytes / 1024 / 1024;
}
