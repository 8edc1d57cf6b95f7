namespace Mamori.Common;

/// <summary>
/// A request the app refuses for a reason the user can fix or must know. The message is Japanese and
/// shown as is (problem detail title/detail on the API, an error on the page); anything else is a bug.
/// </summary>
public abstract class MamoriException(string message) : Exception(message);

/// <summary>Bad input: 400.</summary>
public sealed class InvalidInputException(string message, string? field = null) : MamoriException(message)
{
    public string? Field { get; } = field;
}

/// <summary>Unknown id, or an id the caller may not see (we do not reveal which): 404.</summary>
public sealed class NotFoundException(string message) : MamoriException(message);

/// <summary>Known to the caller but not theirs to change: 403.</summary>
public sealed class ForbiddenException(string message) : MamoriException(message);

/// <summary>Someone else changed it first, or the state forbids it: 409.</summary>
public sealed class ConflictException(string message) : MamoriException(message);

/// <summary>Was there, is finished for good (a closed campaign's link): 410.</summary>
public sealed class GoneException(string message) : MamoriException(message);
