namespace Mamori.Common;

/// <summary>Input text rules shared by every form and API field: trimmed, length-limited, no control characters.</summary>
public static class Text
{
    public static string Required(string? value, int maxLength, string field, MessageText label)
    {
        var text = Optional(value, maxLength, field, label);
        return text ?? throw new InvalidInputException("{0}を入力してください。", [label], field);
    }

    public static string? Optional(string? value, int maxLength, string field, MessageText label, bool multiline = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length > maxLength)
        {
            throw new InvalidInputException("{0}は{1}文字以内で入力してください。", [label, maxLength], field);
        }
        foreach (var c in text)
        {
            var allowed = !char.IsControl(c) || (multiline && c is '\n' or '\r' or '\t');
            if (!allowed || char.IsSurrogate(c) && !HasValidSurrogates(text))
            {
                throw new InvalidInputException("{0}に使用できない文字が含まれています。", [label], field);
            }
        }
        return text;
    }

    /// <summary>For logs: at most <paramref name="max"/> characters of what someone typed, control characters dropped.</summary>
    public static string? Truncate(string? value, int max)
    {
        if (value is null)
        {
            return null;
        }
        var clean = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length > max ? clean[..max] : clean;
    }

    private static bool HasValidSurrogates(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
