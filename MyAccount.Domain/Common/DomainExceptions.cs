namespace MyAccount.Domain.Common;

/// <summary>The actor may not do this. The UI shows the message; nothing was changed.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>The thing asked for does not exist, or the actor may not know that it exists.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Input broke a rule. <see cref="Field"/> names the input, so the UI can show the message beside it.</summary>
public sealed class DomainValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Someone else changed the same thing first; reload and try again.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
