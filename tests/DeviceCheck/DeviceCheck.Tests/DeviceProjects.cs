using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The device projects, one nanoFramework assembly each, in build order: each references only
    /// those before it (docs/architecture.md). SessionBeacon.Device.sln holds exactly these.
    /// </summary>
    public static class DeviceProjects
    {
        public static readonly string[] Paths =
        {
            "src/Session.Core.Crypto/Session.Core.Crypto.nfproj",
            "src/Session.Core.Micro/Session.Core.Micro.nfproj",
            "src/Session.Core.Ratchet/Session.Core.Ratchet.nfproj",
            "src/SessionBeacon.Foundation/SessionBeacon.Foundation.nfproj",
            "src/SessionBeacon/SessionBeacon.nfproj",
            "src/SessionBeacon.Esp32/SessionBeacon.Esp32.nfproj",
        };

        public static TheoryData<string> All => new TheoryData<string>(Paths);
    }
}
