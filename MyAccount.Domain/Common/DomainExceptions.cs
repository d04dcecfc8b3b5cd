namespace MyAccount.Domain.Common;

/// <summary>The actor may not do this. The UI shows the message; nothing was changed.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>The thing asked for does not exist, or the actor may not know that it exists.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>
/// Input broke a rule. <see cref="Field"/> names the input, so the UI can show the message beside it; when several inputs broke
/// rules, <see cref="Errors"/> holds each of them (in the order of the form) so the UI can show them all at once.
/// </summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(string field, string message)
        : this([new KeyValuePair<string, string>(field, message)])
    {
    }

    /// <param name="errors">At least one field with its message; the first is <see cref="Field"/> and the exception's message.</param>
    public DomainValidationException(IReadOnlyCollection<KeyValuePair<string, string>> errors)
        : base(errors.Count > 0 ? errors.First().Value : throw new ArgumentException("At least one error is needed.", nameof(errors)))
    {
        Field = errors.First().Key;
        Errors = errors.ToList();
    }

    public string Field { get; }

    /// <summary>Every field that broke a rule with its message, the first being <see cref="Field"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Errors { get; }

    /// <summary>Throws when <paramref name="errors"/> has any entry.</summary>
    public static void ThrowIfAny(IReadOnlyCollection<KeyValuePair<string, string>> errors)
    {
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }
    }
}

/// <summary>Someone else changed the same thing first; reload and try again.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
