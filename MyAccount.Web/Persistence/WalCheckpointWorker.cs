using MyAccount.Domain.Persistence;

namespace MyAccount.Web.Persistence;

/// <summary>
/// Checkpoints the SQLite write-ahead log every quarter second, off the request path (see <see cref="WalCheckpointer"/>).
/// A checkpoint with nothing to copy costs microseconds. Switched by <c>Database:BackgroundCheckpoints</c> (default true).
/// </summary>
public sealed class WalCheckpointWorker(WalCheckpointer checkpointer, TimeProvider clock, ILogger<WalCheckpointWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await checkpointer.CheckpointAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "A background checkpoint of the database log failed; trying again shortly.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
