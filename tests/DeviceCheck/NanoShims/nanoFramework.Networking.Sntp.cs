// Compile-only shim of nanoFramework.Networking.Sntp 1.6.42 (assembly nanoFramework.Networking.Sntp):
// the SNTP client's control, exactly the members src/SessionBeacon.Esp32 calls, with the
// signatures of nanoframework/nanoFramework.Networking.Sntp nanoFramework.Networking.Sntp/Sntp.cs
// (see README.md). Never run: every body throws.
namespace nanoFramework.Networking
{
    using System;

    /// <summary>nanoFramework: the device's SNTP client; it sets the RTC after each successful exchange.</summary>
    public class Sntp
    {
        /// <summary>True while the client runs.</summary>
        public static bool IsStarted => throw new NotImplementedException();

        /// <summary>Starts the client (hourly updates).</summary>
        public static void Start() => throw new NotImplementedException();

        /// <summary>Asks for the time now (restarts the client).</summary>
        public static void UpdateNow() => throw new NotImplementedException();
    }
}
