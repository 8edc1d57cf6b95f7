using System.Text.Json;
using Mamori.Common;

namespace Mamori.Web.Api;

/// <summary>
/// Strings read from a JSON value kept as JSON until checked. JSON can carry a lone surrogate ("\ud800"), which
/// <see cref="JsonElement.GetString"/> refuses by throwing; that is bad input (400), as <see cref="Text"/> says for
/// every other field, not a server error.
/// </summary>
public static class JsonText
{
    public static string? String(JsonElement element, string field, MessageText label)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new InvalidInputException("{0}に使用できない文字が含まれています。", [label], field);
        }
    }
}
