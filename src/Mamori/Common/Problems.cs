using System.Globalization;

namespace Mamori.Common;

/// <summary>
/// Japanese text with its values kept apart. The format is the resource key the web layer translates by (the same
/// house pattern as the pages' L["…"]), so the values must not be baked into it; <see cref="ToString"/> gives the
/// Japanese as logs and the CLI have always shown it.
/// </summary>
/// <remarks>
/// An argument that is itself a <see cref="MessageText"/> or <see cref="MessageList"/> is translated too; a string
/// argument is translated when a resource has it (labels such as 件名), otherwise shown as given (what someone typed).
/// </remarks>
public sealed record MessageText(string Format, params object?[] Arguments)
{
    public override string ToString() =>
        Arguments.Length == 0 ? Format : string.Format(CultureInfo.InvariantCulture, Format, Arguments);

    /// <summary>A text without values (most labels), so helpers taking a label need no second overload.</summary>
    public static implicit operator MessageText(string text) => new(text);
}

/// <summary>Several texts shown as one argument (the items still unanswered, a password's failed rules).</summary>
public sealed record MessageList(string Separator, IReadOnlyList<MessageText> Items)
{
    public override string ToString() => string.Join(Separator, Items);
}

/// <summary>
/// A request the app refuses for a reason the user can fix or must know. <see cref="Exception.Message"/> is the
/// Japanese text; the web layer shows <see cref="Text"/> in the request's language (problem title/detail on the API,
/// an error on the page); anything else is a bug.
/// </summary>
public abstract class MamoriException(MessageText text) : Exception(text.ToString())
{
    public MessageText Text { get; } = text;
}

/// <summary>Bad input: 400.</summary>
public sealed class InvalidInputException(MessageText text, string? field = null) : MamoriException(text)
{
    public InvalidInputException(string message, string? field = null) : this(new MessageText(message), field)
    {
    }

    /// <summary>A message with values: <paramref name="format"/> is composite ({0}, {1}…), the key of its translations.</summary>
    public InvalidInputException(string format, object?[] arguments, string? field = null) : this(new MessageText(format, arguments), field)
    {
    }

    public string? Field { get; } = field;
}

/// <summary>Input over a size limit (an upload, a field): 413, with a message naming the limit.</summary>
public sealed class TooLargeException(MessageText text, string? field = null) : MamoriException(text)
{
    public TooLargeException(string format, object?[] arguments, string? field = null) : this(new MessageText(format, arguments), field)
    {
    }

    public string? Field { get; } = field;
}

/// <summary>Unknown id, or an id the caller may not see (we do not reveal which): 404.</summary>
public sealed class NotFoundException(MessageText text) : MamoriException(text)
{
    public NotFoundException(string message) : this(new MessageText(message))
    {
    }
}

/// <summary>Known to the caller but not theirs to change: 403.</summary>
public sealed class ForbiddenException(MessageText text) : MamoriException(text)
{
    public ForbiddenException(string message) : this(new MessageText(message))
    {
    }

    public ForbiddenException(string format, object?[] arguments) : this(new MessageText(format, arguments))
    {
    }
}

/// <summary>Someone else changed it first, or the state forbids it: 409.</summary>
public sealed class ConflictException(MessageText text) : MamoriException(text)
{
    public ConflictException(string message) : this(new MessageText(message))
    {
    }

    public ConflictException(string format, object?[] arguments) : this(new MessageText(format, arguments))
    {
    }
}

/// <summary>Was there, is finished for good (a closed campaign's link): 410.</summary>
public sealed class GoneException(MessageText text) : MamoriException(text)
{
    public GoneException(string message) : this(new MessageText(message))
    {
    }
}
