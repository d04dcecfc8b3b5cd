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
        // A one-shot delay per round, not a periodic timer: when the clock jumps (a test's fake clock moved by days) the worker
        // checkpoints once, instead of once for every interval the jump skipped.
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, clock, stoppingToken);
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
