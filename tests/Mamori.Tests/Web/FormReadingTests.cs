using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mamori.Tests.Web;

/// <summary>
/// How a form that could not be read is answered. The server's request size limit cannot be reached through the test
/// server (it has no Kestrel limit), so the classification is checked on the exceptions the framework throws.
/// </summary>
public sealed class FormReadingTests
{
    private static readonly FormOptions Defaults = new();

    [Fact]
    public void A_request_over_the_servers_limit_is_a_413_naming_the_limit_in_MB()
    {
        var (status, message) = FormReading.Classify(new BadHttpRequestException("Request body too large.", 413), Defaults, 30_000_000);
        Assert.Equal(413, status);
        Assert.Equal("送信されたデータが大きすぎます。一度に送れるのは28MBまでです。", message.ToString());
    }

    [Theory]
    [InlineData("Form value length limit 4194304 exceeded.", 413, "4MB")]
    [InlineData("Multipart body length limit 134217728 exceeded.", 413, "128MB")]
    [InlineData("Form value count limit 1024 exceeded.", 413, "多すぎる")]
    [InlineData("Missing content-type boundary.", 400, "形式")]
    public void Form_limits_are_413s_and_a_malformed_form_a_400(string frameworkMessage, int expected, string text)
    {
        var (status, message) = FormReading.Classify(new InvalidDataException(frameworkMessage), Defaults);
        Assert.Equal(expected, status);
        Assert.Contains(text, message.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_ends_early_is_a_malformed_form()
    {
        var (status, _) = FormReading.Classify(new IOException("Unexpected end of Stream, the content may have already been read by another component."), Defaults);
        Assert.Equal(400, status);
    }
}
