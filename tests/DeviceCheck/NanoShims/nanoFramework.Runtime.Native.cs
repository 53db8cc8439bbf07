// Compile-only shim of nanoFramework.Runtime.Native 1.7.11 (assembly nanoFramework.Runtime.Native):
// the firmware's target name and the reboot, exactly the members src/SessionBeacon.Esp32 calls, with
// the signatures of nanoframework/nanoFramework.Runtime.Native
// nanoFramework.Runtime.Native/{SystemInfo.cs, Power.cs, RebootOption.cs} (see README.md).
// Never run: every body throws.
namespace nanoFramework.Runtime.Native
{
    using System;

    /// <summary>nanoFramework: facts about the running firmware.</summary>
    public static class SystemInfo
    {
        /// <summary>The firmware target's name, such as ESP32_REV0, ESP32_PICO, ESP32_C3 or ESP32_S3.</summary>
        public static string TargetName => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: how the device reboots.</summary>
    public enum RebootOption
    {
        /// <summary>A full reset of the chip.</summary>
        NormalReboot = 0,
    }

    /// <summary>nanoFramework: power management.</summary>
    public class Power
    {
        /// <summary>Reboots the device (after the OnRebootEvent handlers, of which the app has none). Never returns.</summary>
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) => throw new NotImplementedException();
    }
}
