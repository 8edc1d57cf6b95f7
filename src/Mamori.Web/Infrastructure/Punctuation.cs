using System.Globalization;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// The punctuation pages put between values (「A ・ B」, 「前回（…）」, 「A、B」), in the page's language: full-width
/// Japanese marks in the Japanese UI, plain ones in English, where （ and ・ read as leftovers.
/// </summary>
public static class Punctuation
{
    private static bool InEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Dot => InEnglish ? " · " : " ・ ";

    public static string Comma => InEnglish ? ", " : "、";

    public static string Colon => InEnglish ? ": " : "：";

    public static string Open => InEnglish ? " (" : "（";

    public static string Close => InEnglish ? ")" : "）";
}
