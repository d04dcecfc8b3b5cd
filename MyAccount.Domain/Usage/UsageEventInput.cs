namespace MyAccount.Domain.Usage;

/// <summary>One usage event as a sender reported it, before validation. Null means the field was missing or unreadable.</summary>
public sealed record UsageEventInput(string? Id, string? AccountId, string? ProductCode, string? UsageType, decimal? Quantity, DateTimeOffset? OccurredAt);

/// <summary>Why one event of a batch was refused: its index in the batch, the field and a message.</summary>
public sealed record UsageEventError(int Index, string Field, string Message);

/// <summary>A batch with at least one invalid event: nothing of it was stored.</summary>
public sealed class UsageBatchRejectedException(IReadOnlyList<UsageEventError> errors)
    : Exception($"{errors.Count} usage event(s) are invalid; nothing was stored.")
{
    public IReadOnlyList<UsageEventError> Errors { get; } = errors;
}

/// <summary>A batch larger than <see cref="UsageIngestionService.MaxBatchSize"/>.</summary>
public sealed class UsageBatchTooLargeException(int count)
    : Exception($"A batch holds at most {UsageIngestionService.MaxBatchSize:N0} events; this one has {count:N0}. Split it.");

/// <summary>How many events were stored, and how many were already known by their id.</summary>
public sealed record UsageIngestResult(int Accepted, int Duplicates);
