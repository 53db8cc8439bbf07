// Local time and waiting, injected so that retries, backoff and clock offsets are deterministic
// in tests (no test sleeps). The device reads its RTC and Thread.Sleep; tests advance a counter.
namespace Session.Core.Micro.Network
{
    /// <summary>The local clock and a way to wait.</summary>
    public interface IClock
    {
        /// <summary>Local time as Unix epoch milliseconds (may be wrong; NetworkClock corrects it).</summary>
        long UnixMilliseconds { get; }

        /// <summary>Blocks the calling thread for <paramref name="milliseconds"/>.</summary>
        void Sleep(int milliseconds);
    }
}
