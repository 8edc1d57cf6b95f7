using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// A count in a sentence: Japanese has one form ("1項目", "16項目"), English two ("1 item", "16 items"). The
/// singular is a resource of its own, the Japanese key followed by "#one"; without it the key's form is used.
/// </summary>
public static class Counts
{
    public static string Count(this IStringLocalizer localizer, string key, int count, params object[] more)
    {
        object[] arguments = [count, .. more];
        if (count == 1 && localizer[key + "#one", arguments] is { ResourceNotFound: false } one)
        {
            return one.Value;
        }
        return localizer[key, arguments].Value;
    }
}
