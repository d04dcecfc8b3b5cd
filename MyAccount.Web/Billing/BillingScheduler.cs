using MyAccount.Domain.Access;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;

namespace MyAccount.Web.Billing;

/// <summary>
/// Bills each month once it begins (UTC). At start-up it first catches up, in order, every period not yet billed for
/// some account — from the earliest month an account still needs — up to the current month. Switched by
/// <c>Billing:Scheduler:Enabled</c> (default true).
/// <para>
/// Several instances on one PostgreSQL database: only the one holding the scheduler lock (<see cref="BillingRunLock"/>) bills; the
/// others look again every <c>Billing:Scheduler:LockRetry</c> (default 1 minute), so when the holder dies mid-run another one
/// resumes the period on its next tick (the engine's unique indexes keep one invoice per account and period).
/// </para>
/// </summary>
public sealed class BillingScheduler(BillingEngine billing, BillingRunLock runLock, TimeProvider clock, ILogger<BillingScheduler> logger,
    BillingSchedulerOptions? options = null) : BackgroundService
{
    private static readonly OperatorActor Scheduler = new("billing-scheduler");

    private bool _waiting;

    private TimeSpan LockRetry => (options ?? BillingSchedulerOptions.Default).LockRetry;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CatchUpResult caughtUp;
            try
            {
                await using var lease = await runLock.TryAcquireAsync(stoppingToken);
                if (lease is null)
                {
                    // Said once when this instance starts waiting (then at Debug level), not at every look.
                    logger.Log(_waiting ? LogLevel.Debug : LogLevel.Information,
                        "Billing scheduler: another instance holds the billing lock; looking again every {Retry}.", LockRetry);
                    _waiting = true;
                    await Task.Delay(LockRetry, clock, stoppingToken);
                    continue;
                }

                _waiting = false;

                caughtUp = await CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Billing run failed; it is retried in 5 minutes.");
                await Task.Delay(TimeSpan.FromMinutes(5), clock, stoppingToken);
                continue;
            }

            // Wait for the month after the one just billed — not for the month after "now": a catch-up that ran past 00:00 UTC on
            // the 1st has a month to bill at once.
            var due = caughtUp.BilledUpTo.Next.StartsAt;
            if (caughtUp.Failed > 0)
            {
                // Accounts whose invoice could not be computed were reported (log, run result); try them again in an hour, when an
                // operator may have fixed them — every other account is billed already.
                var retry = clock.GetUtcNow() + FailedAccountsRetry;
                due = retry < due ? retry : due;
            }

            var wait = due - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Bills, in order, every period from the earliest one an account still needs up to the current month (read once, when
    /// the catch-up starts). Returns that month: every period up to it is billed.
    /// </summary>
    public async Task<CatchUpResult> CatchUpAsync(CancellationToken ct)
    {
        var current = BillingMonth.Of(clock.GetUtcNow().UtcDateTime);
        var start = await billing.EarliestDuePeriodAsync(Scheduler, ct);
        var failed = 0;
        for (var period = start; period is { } p && p.CompareTo(current) <= 0; period = p.Next)
        {
            var result = await billing.RunAsync(Scheduler, p, null, ct);
            failed += result.Failed.Count;
            if (result.InvoicesPosted > 0)
            {
                logger.LogInformation("Billing scheduler posted {Count} invoice(s) for {Period}.", result.InvoicesPosted, p);
            }
        }

        return new CatchUpResult(current, failed);
    }

    /// <summary>How long the scheduler waits before billing again accounts whose invoice could not be computed.</summary>
    public static readonly TimeSpan FailedAccountsRetry = TimeSpan.FromHours(1);
}

/// <summary>How often an instance that is not the billing scheduler looks whether the holder is gone (<c>Billing:Scheduler:LockRetry</c>).</summary>
public sealed record BillingSchedulerOptions(TimeSpan LockRetry)
{
    public static readonly BillingSchedulerOptions Default = new(TimeSpan.FromMinutes(1));
}

/// <summary>Every period up to <see cref="BilledUpTo"/> is billed, except for <see cref="Failed"/> account invoices that could not be computed.</summary>
public sealed record CatchUpResult(BillingMonth BilledUpTo, int Failed);
