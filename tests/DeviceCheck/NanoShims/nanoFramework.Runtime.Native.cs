// Compile-only shim of nanoFramework.Runtime.Native 1.7.11 (assembly nanoFramework.Runtime.Native):
// the firmware's target name, exactly the member src/SessionBeacon/Esp32 calls, with the signature
// of nanoframework/nanoFramework.Runtime.Native nanoFramework.Runtime.Native/SystemInfo.cs
// (see README.md). Never run: every body throws.
namespace nanoFramework.Runtime.Native
{
    using System;

    /// <summary>nanoFramework: facts about the running firmware.</summary>
    public static class SystemInfo
    {
        /// <summary>The firmware target's name, such as ESP32_REV0, ESP32_PICO, ESP32_C3 or ESP32_S3.</summary>
        public static string TargetName => throw new NotImplementedException();
    }
}
