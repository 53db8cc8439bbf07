using System;
using SessionBeacon.App;

namespace SessionBeacon.Harness.Device
{
    /// <summary>How the simulated device writes what happens: a local time stamp, then the event.</summary>
    public static class DeviceOutput
    {
        public static string Stamp(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToLocalTime().ToString("HH:mm:ss.fff") + "  ";

        public static string Describe(BeaconEvent e) => e.Kind switch
        {
            BeaconEventKind.Stage => "stage: " + e.Text,
            BeaconEventKind.Queued => e.Text ?? ("alert queued on flash: " + e.Alert),
            BeaconEventKind.Stored => "stored for " + e.Recipient + ": " + e.Text,
            BeaconEventKind.Delivered => "delivered: every recipient's swarm gave a verified receipt",
            BeaconEventKind.Failed => "not delivered yet: " + e.Text,
            BeaconEventKind.Expired => (e.Alert == BeaconEvent.NoAlert ? "an alert" : e.Alert.ToString()) + " given up: " + (e.Text ?? "its TTL ended"),
            BeaconEventKind.HelpReached => "help reached: " + e.Recipient + " " + e.Text,
            BeaconEventKind.Reply => "reply from " + e.Recipient + ": " + e.Text,
            BeaconEventKind.PairingLost => "secure pairing with " + e.Recipient + " lost: " + e.Text,
            BeaconEventKind.TrackingStopped => "tracking stopped: " + e.Text,
            BeaconEventKind.AlertLost => (e.Alert == BeaconEvent.NoAlert ? "an alert" : e.Alert.ToString()) + " lost" + (e.Recipient == null ? "" : " for " + e.Recipient) + ": " + e.Text,
            _ => "problem: " + e.Text,
        };
    }
}
