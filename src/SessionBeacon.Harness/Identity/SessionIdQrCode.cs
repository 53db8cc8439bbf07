// A Session ID as a QR code in the terminal, for a recipient to scan with the Session app
// ("New Message" > scan QR code). QRCoder's small ASCII renderer packs two module rows into one
// text row with the half-block characters (upper half, lower half, full block, space), so a 66-digit
// Session ID (a version 4 or 5 code at error correction M, with its 4-module quiet zone) fits in about
// 22 rows of 41 to 45 characters. Its full blocks are the code's LIGHT modules: on a terminal the harness draws them white
// on black whatever the theme; as plain text they suit a dark background, as most terminals have.
using System;
using QRCoder;
using Spectre.Console;

namespace SessionBeacon.Harness.Identity
{
    /// <summary>Renders a Session ID as a scannable QR code of half-block characters.</summary>
    public static class SessionIdQrCode
    {
        /// <summary>The code's rows, quiet zone included; full blocks are light modules.</summary>
        public static string[] Render(string sessionId)
        {
            ArgumentNullException.ThrowIfNull(sessionId);
            using var generator = new QRCodeGenerator();
            using QRCodeData data = generator.CreateQrCode(sessionId, QRCodeGenerator.ECCLevel.M);
            using var code = new AsciiQRCode(data);
            return code.GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: "\n").TrimEnd('\n').Split('\n');
        }

        /// <summary>Writes the code to <paramref name="console"/>: white on black on a terminal, plain text otherwise.</summary>
        public static void Write(HarnessConsole console, string sessionId)
        {
            foreach (string row in Render(sessionId))
            {
                if (console.IsTerminal)
                {
                    console.Ansi.MarkupLine("[white on black]" + Markup.Escape(row) + "[/]");
                }
                else
                {
                    console.Output.WriteLine(row);
                }
            }
        }
    }
}
