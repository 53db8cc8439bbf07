// Compile-only shim of nanoFramework.System.Threading 1.1.52 (assembly System.Threading):
// the cancellation token that bounds WifiNetworkHelper.ConnectDhcp, with exactly the members
// src/SessionBeacon.Esp32 calls (see README.md). Never run: every body throws.
namespace System.Threading
{
    /// <summary>nanoFramework: a token that tells an operation to stop.</summary>
    public struct CancellationToken
    {
        /// <summary>True once cancellation was requested.</summary>
        public bool IsCancellationRequested => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: cancels its token on request or after a delay.</summary>
    public class CancellationTokenSource : IDisposable
    {
        /// <summary>A source that cancels itself after <paramref name="millisecondsDelay"/>.</summary>
        public CancellationTokenSource(int millisecondsDelay) => throw new NotImplementedException();

        /// <summary>The token.</summary>
        public CancellationToken Token => throw new NotImplementedException();

        /// <summary>Releases the timer.</summary>
        public void Dispose() => throw new NotImplementedException();
    }
}
