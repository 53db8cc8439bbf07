// README-DEVICE.txt, written by 'provision' beside the files it made: which file goes where on the
// device's internal flash drive, how to put it there, and what to keep secret.
using System;
using System.Globalization;
using System.IO;

namespace SessionBeacon.Harness.Provisioning
{
    /// <summary>The text of README-DEVICE.txt.</summary>
    public static class DeviceReadme
    {
        public const string FileName = "README-DEVICE.txt";

        /// <param name="folder">The device folder as given to provision, so the commands below run from where provision ran.</param>
        /// <param name="seedUrl">The test network's seed, or null for mainnet.</param>
        public static string Text(string folder, string deviceName, string boardName, string board, string sessionId, string seedUrl, string identityFile, bool hello, DateTime madeUtc)
        {
            string network = seedUrl != null ? "a testnet (" + seedUrl + ")" : "the real Session network (mainnet)";
            string quoted = folder.IndexOf(' ') >= 0 ? "\"" + folder + "\"" : folder;
            string config = Path.Combine(folder, "nf.config");
            config = config.IndexOf(' ') >= 0 ? "\"" + config + "\"" : config;
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
                + "Before copying, add the Wi-Fi network the device joins to nf.config (wifi.ssid and wifi.password).\n"
                + "The app checks nf.config and board.conf at start, reports every problem on its debug output and\n"
                + "does not start; this command, run from the repository root, runs exactly the same checks here\n"
                + "(harness = dotnet run --project src/SessionBeacon.Harness -c Release --):\n"
                + "\n"
                + "  harness check-config --config " + config + "\n"
                + "\n"
                + "The device also needs the seed nodes' certificates beside them, which it checks against the pins it\n"
                + "carries: " + (seedUrl == null
                    ? "seed1.pem, seed2.pem and seed3.pem for mainnet, fetched and checked as docs/provisioning.md,\n"
                        + "section 3 shows, copied to I:\\seed1.pem, I:\\seed2.pem and I:\\seed3.pem.\n"
                    : "the test network's seed certificate as I:\\seed1.pem, checked against its pin as\n"
                        + "docs/provisioning.md, section 3 shows.\n")
                + "\n"
                + "How: flash the nanoFramework firmware, build and deploy the SessionBeacon app, and copy the files to\n"
                + "I:\\ with Device Explorer in Visual Studio or in a deployment image: docs/flashing.md, step by step.\n"
                + "\n"
                + identityFile + " is the beacon's secret: whoever has it can send alerts as this beacon. Keep no other\n"
                + "copy once the device is flashed (delete this folder, or keep it encrypted and offline). Never put it into\n"
                + "nf.config, a chat or a repository.\n"
                + "\n"
                + (hello
                    ? "Each recipient was sent a hello message from the device's Session ID: ask them to accept that\n"
                        + "message request in Session, so that an alert does not sit unseen among their message requests.\n"
                        + "docs/recipients.md shows them every message the beacon sends; a panic press reaches a stock-app\n"
                        + "recipient as two messages, the flash alert at once and the detailed alert right after it.\n"
                    : "No hello messages were sent (--no-hello): before the first alert, send each recipient a message from\n"
                        + "the device's Session ID (harness send --data " + quoted + " --to SESSIONID --text ...) and ask them to\n"
                        + "accept the message request in Session.\n");
        }
    }
}
