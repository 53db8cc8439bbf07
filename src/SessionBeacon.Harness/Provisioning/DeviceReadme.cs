// README-DEVICE.txt, written by 'provision' beside the files it made: which file goes where on the
// device's internal flash drive, how to put it there, and what to keep secret.
using System;
using System.Globalization;

namespace SessionBeacon.Harness.Provisioning
{
    /// <summary>The text of README-DEVICE.txt.</summary>
    public static class DeviceReadme
    {
        public const string FileName = "README-DEVICE.txt";

        public static string Text(string deviceName, string boardName, string board, string sessionId, string network, string identityFile, bool hello, DateTime madeUtc)
        {
            return "SessionBeacon device files for \"" + deviceName + "\" on " + boardName + " (boards/" + board + ".conf)\n"
                + "made by 'harness provision' on " + madeUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC, for " + network + ".\n"
                + "\n"
                + "Device Session ID: " + sessionId + "\n"
                + "\n"
                + "Copy these three files onto the device's internal flash drive I:\\ under exactly these names:\n"
                + "\n"
                + "  nf.config       ->  I:\\nf.config       the configuration: network, recipients, alert texts and timings\n"
                + "  board.conf      ->  I:\\board.conf      the board profile: button and LED pins\n"
                + "  " + identityFile.PadRight(14) + "  ->  I:\\" + identityFile.PadRight(14) + "  the device's Session identity (its secret key)\n"
                + "\n"
                + "How: flash the nanoFramework firmware and the SessionBeacon app (docs/device-build.md), then copy the\n"
                + "files to I:\\ with Device Explorer in Visual Studio or in a deployment image. The app checks nf.config\n"
                + "and board.conf at start and reports every problem on its debug output; from the repository root,\n"
                + "'harness check-config --config THIS-FOLDER/nf.config' runs the same checks on the desktop.\n"
                + "\n"
                + identityFile + " is the beacon's secret: whoever has it can send alerts as this beacon. Keep no other\n"
                + "copy once the device is flashed (delete this folder, or keep it encrypted and offline). Never put it into\n"
                + "nf.config, a chat or a repository.\n"
                + "\n"
                + (hello
                    ? "Each recipient was sent a hello message from the device's Session ID: ask them to accept that\n"
                        + "message request in Session, so that an alert does not sit unseen among their message requests.\n"
                    : "No hello messages were sent (--no-hello): before the first alert, send each recipient a message from\n"
                        + "the device's Session ID (harness send --data THIS-FOLDER --to SESSIONID --text ...) and ask them to\n"
                        + "accept the message request in Session.\n");
        }
    }
}
