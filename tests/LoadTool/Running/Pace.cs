using System.Diagnostics;

namespace Assistant.LoadTool.Running;

/// <summary>The two ways load is sent: a fixed rate (open loop) and a fixed number of busy workers (closed loop).</summary>
internal static class Pace
{
    /// <summary>
    /// Starts <paramref name="send"/>(i) at <paramref name="perSecond"/> per second for <paramref name="duration"/>, not
    /// waiting for earlier sends, then waits for all of them. At most <paramref name="maxInFlight"/> run at once; a send
    /// due while that many are running is skipped and counted, so a stalled bot cannot make the tool grow without bound.
    /// </summary>
    /// <returns>How many sends were skipped.</returns>
    public static async Task<int> AtRateAsync(double perSecond, TimeSpan duration, Func<int, Task> send, CancellationToken cancellationToken, int maxInFlight = 500)
    {
        var running = new List<Task>();
        var inFlight = 0;
        var skipped = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due >= duration || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            if (Volatile.Read(ref inFlight) >= maxInFlight)
            {
                skipped++;
                continue;
            }

            Interlocked.Increment(ref inFlight);
            var index = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await send(index).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }, CancellationToken.None));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        return skipped;
    }

    /// <summary>Runs <paramref name="workers"/> loops of <paramref name="turn"/>(worker, n) until <paramref name="duration"/> has passed or <paramref name="stop"/> says so.</summary>
    public static Task ClosedLoopAsync(int workers, TimeSpan duration, Func<int, int, Task> turn, Func<bool>? stop = null)
    {
        var clock = Stopwatch.StartNew();
        return Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; clock.Elapsed < duration && stop?.Invoke() != true; n++)
            {
                await turn(worker, n).ConfigureAwait(false);
            }
        })));
    }

    /// <summary>Waits until <paramref name="done"/> holds or <paramref name="timeout"/> passes; true when it held.</summary>
    public static async Task<bool> UntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return true;
    }
}
