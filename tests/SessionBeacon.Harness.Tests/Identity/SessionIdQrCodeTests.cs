using System;
using System.IO;
using System.Security.Cryptography;
using Session.Core.Micro.Identity;
using SessionBeacon.Harness.Identity;
using Xunit;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace SessionBeacon.Harness.Tests.Identity
{
    /// <summary>The terminal QR code, scanned back by an independent decoder (ZXing.Net) as a phone would scan the screen.</summary>
    public class SessionIdQrCodeTests
    {
        private const int PixelsPerModule = 4;

        [Fact]
        public void Render_FreshSessionIds_ScanBackToTheSameId()
        {
            for (int i = 0; i < 50; i++)
            {
                string id = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize)).SessionId;
                Assert.Equal(id, Scan(SessionIdQrCode.Render(id)));
            }
        }

        [Fact]
        public void IdentityShow_PrintsTheIdThenItsCode_NoQrLeavesItOut()
        {
            string folder = Directory.CreateTempSubdirectory("qr").FullName;
            try
            {
                var output = new StringWriter();
                Assert.Equal(ExitCode.Ok, Program.Run(new[] { "identity", "new", "--data", folder }, output, new StringWriter()));
                var shown = new StringWriter();
                Assert.Equal(ExitCode.Ok, Program.Run(new[] { "identity", "show", "--data", folder }, shown, new StringWriter()));
                string[] lines = shown.ToString().Split('\n');
                string id = lines[0].Trim();
                Assert.Equal(id, Scan(Array.FindAll(lines, l => l.Length > 0 && "█▀▄ ".Contains(l[0]) && l.Trim().Length > 0)));

                var plain = new StringWriter();
                Assert.Equal(ExitCode.Ok, Program.Run(new[] { "identity", "show", "--data", folder, "--no-qr" }, plain, new StringWriter()));
                Assert.Equal(id + Environment.NewLine, plain.ToString());
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        // Half-block rows back to pixels: a full block is two light modules, a space two dark ones, and the
        // upper (lower) half block lights the upper (lower) module. The quiet zone is part of the rows.
        private static string Scan(string[] rows)
        {
            int width = rows[0].Length;
            // A QR code is square: with an odd module count the last text row's lower halves lie below it.
            int height = width;
            Assert.Equal((width + 1) / 2, rows.Length);
            var pixels = new byte[width * PixelsPerModule * height * PixelsPerModule];
            for (int r = 0; r < rows.Length; r++)
            {
                Assert.Equal(width, rows[r].Length);
                for (int c = 0; c < width; c++)
                {
                    char ch = rows[r][c];
                    Assert.Contains(ch, "█▀▄ ");
                    Paint(pixels, width, c, 2 * r, ch == '█' || ch == '▀');
                    if (2 * r + 1 < height)
                    {
                        Paint(pixels, width, c, 2 * r + 1, ch == '█' || ch == '▄');
                    }
                }
            }
            var source = new RGBLuminanceSource(pixels, width * PixelsPerModule, height * PixelsPerModule, RGBLuminanceSource.BitmapFormat.Gray8);
            // PURE_BARCODE: the picture is the code itself, not a photo of it; without the hint ZXing's
            // finder-pattern search misses about 1 in 100 perfectly drawn codes (measured: so does the
            // unconverted QRCoder matrix), which would make this test flaky rather than stricter.
            var hints = new System.Collections.Generic.Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true };
            Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
            Assert.NotNull(result);
            return result.Text;
        }

        private static void Paint(byte[] pixels, int width, int column, int row, bool light)
        {
            int stride = width * PixelsPerModule;
            for (int y = 0; y < PixelsPerModule; y++)
            {
                for (int x = 0; x < PixelsPerModule; x++)
                {
                    pixels[(row * PixelsPerModule + y) * stride + column * PixelsPerModule + x] = light ? (byte)255 : (byte)0;
                }
            }
        }
    }
}
