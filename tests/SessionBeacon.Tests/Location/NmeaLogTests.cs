using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.Location;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.Location
{
    // The reader on real receivers' output (tests/vectors/nmea, README there): every log read whole, in
    // pieces and with sentences cut or corrupted, one fix per log checked against values worked out by
    // hand from its sentences (the comments show the sums), and a seeded fuzz run of mutated logs.
    public class NmeaLogTests
    {
        private const string Folder = "nmea/";

        private static readonly string[] s_logs = { "ublox-8.log", "quectel-l76k-nmea.log", "mt3339.log", "bu353s4.log", "beidou-bd.log" };

        // A well-formed sentence by its shape alone (the checksum is not verified here), at the end of a line: what the
        // reader must accept. A line may start with something else: u-blox's UBX bytes, a SiRF log's stray space.
        private static readonly Regex s_sentence = new Regex(@"\$[A-Z0-9]{5,},[\x20-\x7e]*\*[0-9A-F]{2}$");

        private readonly ITestOutputHelper _output;

        public NmeaLogTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static TheoryData<string> Logs()
        {
            var data = new TheoryData<string>();
            foreach (string log in s_logs)
            {
                data.Add(log);
            }
            return data;
        }

        // One epoch per log. Degrees are d + m / 60, times 1e7, rounded to the nearest:
        // - u-blox MAX-M8Q, 2017-01-10 00:09:42Z: 44 + 4.13401 / 60 = 44.06890016..., 121 + 18.85633 / 60 = 121.31427216... W.
        // - Quectel L76K (AT6558R), 2026-08-05 05:52:34.2Z: 47 + 39.71890 / 60 = 47.66198166..., 122 + 19.58362 / 60 = 122.32639366... W.
        // - MediaTek MT3339, 2015-04-13 20:26:40Z: 44 + 4.1306 / 60 = 44.06884333..., 121 + 18.8515 / 60 = 121.31419166... W; DGPS.
        // - SiRF IV (BU-353-S4), 2014-12-31 03:07:19Z: 37 + 47.0873 / 60 = 37.78478833... S, 175 + 18.8938 / 60 = 175.31489666... E.
        // - SiRF-TriG (BD talker), 2015-02-25 07:41:55.799Z, its first fix: 31 + 14.8770 / 60 = 31.247950, 121 + 35.2463 / 60 = 121.58743833... E.
        [Theory]
        [InlineData("ublox-8.log", 2017, 1, 10, 0, 9, 42, 0, 440689002, -1213142722, 1, 12, 101)]
        [InlineData("quectel-l76k-nmea.log", 2026, 8, 5, 5, 52, 34, 200, 476619817, -1223263937, 1, 14, 90)]
        [InlineData("mt3339.log", 2015, 4, 13, 20, 26, 40, 0, 440688433, -1213141917, 2, 10, 98)]
        [InlineData("bu353s4.log", 2014, 12, 31, 3, 7, 19, 0, -377847883, 1753148967, 1, 8, 110)]
        [InlineData("beidou-bd.log", 2015, 2, 25, 7, 41, 55, 799, 312479500, 1215874383, 1, 5, 130)]
        public void Log_SpotCheckedEpoch_HasTheHandComputedFix(string log, int year, int month, int day, int hour, int minute, int second, int millis,
            int latitude, int longitude, int quality, int satellites, int hdop)
        {
            long utc = new DateTimeOffset(year, month, day, hour, minute, second, millis, TimeSpan.Zero).ToUnixTimeMilliseconds();
            Dictionary<long, GpsFix> fixes = FixesByTime(Bytes(log));
            Assert.True(fixes.ContainsKey(utc), log + " gave no fix at " + utc);
            Assert.Equal(latitude + " " + longitude + " q" + quality + " s" + satellites + " h" + hdop + " t" + utc, NmeaReaderTests.Describe(fixes[utc]));
        }

        [Theory]
        [MemberData(nameof(Logs))]
        public void Log_ReadWhole_AcceptsEveryWellFormedLine_AndFixesEveryValidRmc(string log)
        {
            byte[] bytes = Bytes(log);
            string[] lines = Encoding.Latin1.GetString(bytes).Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
            int wellFormed = lines.Count(line => s_sentence.IsMatch(line));
            // RMC with status A and a mode other than N, M or S: one fix with a date per such RMC.
            int validRmc = lines.Select(line => s_sentence.Match(line).Value).Where(sentence => sentence.Length > 0 && sentence.Substring(3, 3) == "RMC")
                .Select(sentence => sentence.Substring(0, sentence.IndexOf('*')).Split(','))
                .Count(fields => fields[2] == "A" && (fields.Length < 13 || (fields[12] != "N" && fields[12] != "M" && fields[12] != "S")));
            var reader = new NmeaReader();
            reader.Feed(bytes, 0, bytes.Length);
            Dictionary<long, GpsFix> fixes = FixesByTime(bytes);
            _output.WriteLine(log + ": " + reader.Accepted + " sentences accepted, " + reader.Rejected + " rejected, " + fixes.Count(pair => pair.Key >= 0) + " dated fixes");
            Assert.Equal(wellFormed, reader.Accepted);
            Assert.True(validRmc >= 5, log + " has only " + validRmc + " valid RMC sentences");
            Assert.Equal(validRmc, fixes.Count(pair => pair.Key >= 0));
        }

        [Fact]
        public void Log_BeidouBeforeItsFirstFix_HasNone_AndUbloxRmcAfterBinary_IsRead()
        {
            string beidou = Encoding.Latin1.GetString(Bytes("beidou-bd.log"));
            var reader = new NmeaReader();
            Feed(reader, beidou.Substring(0, beidou.IndexOf("$GNGGA,074155.799", StringComparison.Ordinal)));
            Assert.False(reader.HasFix);
            Assert.Equal(1, reader.FixDimension);
            Assert.False(reader.TakeTime(out _));

            // u-blox's first RMC, 000941.00, follows UBX messages on the same line; its GGA follows two lines on.
            // 44 + 4.13387 / 60 = 44.06889783..., 121 + 18.85628 / 60 = 121.31427133... W; 2017-01-10 00:09:41Z.
            string ublox = Encoding.Latin1.GetString(Bytes("ublox-8.log"));
            reader = new NmeaReader();
            Feed(reader, ublox.Substring(0, ublox.IndexOf("$GNGSA", StringComparison.Ordinal)));
            long utc = new DateTimeOffset(2017, 1, 10, 0, 9, 41, TimeSpan.Zero).ToUnixTimeMilliseconds();
            Assert.Equal("440688978 -1213142713 q1 s12 h101 t" + utc, NmeaReaderTests.Describe(reader.LatestFix()));
            Assert.Equal(3, reader.Accepted);
        }

        [Theory]
        [MemberData(nameof(Logs))]
        public void Log_InRandomPieces_ReadsAsWhole(string log)
        {
            byte[] bytes = Bytes(log);
            var whole = new NmeaReader();
            whole.Feed(bytes, 0, bytes.Length);
            var seeded = new SeededRandom(_output, "NMEA pieces " + log);
            var pieces = new NmeaReader();
            for (int at = 0; at < bytes.Length;)
            {
                int count = Math.Min(bytes.Length - at, seeded.Next(80));
                pieces.Feed(bytes, at, count);
                at += count;
            }
            NmeaReaderTests.AssertSame(whole, pieces);
        }

        [Theory]
        [MemberData(nameof(Logs))]
        public void Log_EveryThirdSentenceCutShort_LosesExactlyThose(string log)
        {
            string[] lines = Encoding.Latin1.GetString(Bytes(log)).Split('\n');
            var reader = new NmeaReader();
            var clean = new NmeaReader();
            int cut = 0;
            int sentence = 0;
            foreach (string raw in lines)
            {
                string line = raw.TrimEnd('\r');
                Feed(clean, raw + "\n");
                Match match = s_sentence.Match(line);
                if (match.Success && sentence++ % 3 == 0)
                {
                    // Half a sentence with no line end: the next '$' starts over.
                    Feed(reader, line.Substring(0, match.Index + match.Length / 2));
                    cut++;
                }
                else
                {
                    Feed(reader, raw + "\n");
                }
            }
            Assert.True(cut >= 20);
            Assert.Equal(clean.Accepted - cut, reader.Accepted);
            Assert.Equal(clean.Rejected + cut, reader.Rejected);
        }

        [Theory]
        [MemberData(nameof(Logs))]
        public void Log_EveryGgaAndRmcWithOneDigitChanged_GivesNoFix(string log)
        {
            var reader = new NmeaReader();
            int corrupted = 0;
            foreach (string raw in Encoding.Latin1.GetString(Bytes(log)).Split('\n'))
            {
                string line = raw;
                Match sentence = s_sentence.Match(line.TrimEnd('\r'));
                string type = sentence.Success ? sentence.Value.Substring(3, 3) : "";
                if (type == "GGA" || type == "RMC")
                {
                    // The first byte of the time of day, replaced by a digit it is not: the checksum no longer matches.
                    char[] chars = line.ToCharArray();
                    int time = sentence.Index + 7;
                    chars[time] = chars[time] == '1' ? '2' : '1';
                    line = new string(chars);
                    corrupted++;
                }
                Feed(reader, line + "\n");
                Assert.Null(reader.LatestFix());
            }
            Assert.True(corrupted >= 20);
            Assert.True(reader.Rejected >= corrupted);
            Assert.False(reader.TakeTime(out _));
        }

        // Deterministic seeded mutation of the real logs: bit flips, bytes replaced by '$', '*', ',', CR, LF or
        // anything, runs deleted, duplicated or inserted; fed in random pieces. Nothing may throw, Feed may not
        // allocate, and whatever fix the reader keeps stays inside its documented ranges.
        [Fact]
        public void Fuzz_MutatedLogs_NeverThrow_AllocateNothing_AndStayInRange()
        {
            var seeded = new SeededRandom(_output, "NMEA fuzz");
            byte[][] logs = s_logs.Select(Bytes).ToArray();
            byte[] specials = Encoding.ASCII.GetBytes("$*,\r\n.0NSEWAV");
            long minimumUtc = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            long maximumUtc = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            int inputs = 5 * SeededRandom.Iterations;
            long allocated = 0;
            long fixes = 0;
            // One whole log first, so that the JIT's and the types' first-use allocations are not counted as Feed's.
            new NmeaReader().Feed(logs[0], 0, logs[0].Length);
            for (int input = 0; input < inputs; input++)
            {
                byte[] log = logs[seeded.Next(logs.Length)];
                int start = seeded.Next(log.Length);
                var bytes = new List<byte>(log.Skip(start).Take(256 + seeded.Next(4096)));
                int mutations = 1 + seeded.Next(16);
                for (int m = 0; m < mutations && bytes.Count > 0; m++)
                {
                    int at = seeded.Next(bytes.Count);
                    switch (seeded.Next(6))
                    {
                        case 0:
                            bytes[at] ^= (byte)(1 << seeded.Next(8));
                            break;
                        case 1:
                            bytes[at] = specials[seeded.Next(specials.Length)];
                            break;
                        case 2:
                            bytes[at] = (byte)seeded.Next(256);
                            break;
                        case 3:
                            bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + seeded.Next(40)));
                            break;
                        case 4:
                            bytes.InsertRange(at, bytes.Skip(seeded.Next(bytes.Count)).Take(1 + seeded.Next(200)).ToArray());
                            break;
                        default:
                            bytes.InsertRange(at, seeded.Bytes(1 + seeded.Next(300)));
                            break;
                    }
                }
                byte[] stream = bytes.ToArray();
                var reader = new NmeaReader();
                for (int at = 0; at < stream.Length;)
                {
                    int count = Math.Min(stream.Length - at, 1 + seeded.Next(128));
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    reader.Feed(stream, at, count);
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                    at += count;
                    GpsFix fix = reader.LatestFix();
                    if (fix != null)
                    {
                        fixes++;
                        Assert.InRange(fix.LatitudeE7, -900000000, 900000000);
                        Assert.InRange(fix.LongitudeE7, -1800000000, 1800000000);
                        Assert.InRange(fix.Quality, 1, 6);
                        Assert.InRange(fix.Satellites, -1, 99);
                        Assert.InRange(fix.HdopCenti, -1, 99999);
                        Assert.True(fix.UtcMillis == -1 || (fix.UtcMillis >= minimumUtc && fix.UtcMillis < maximumUtc), "time " + fix.UtcMillis);
                    }
                    if (reader.TakeTime(out long utc))
                    {
                        Assert.InRange(utc, minimumUtc, maximumUtc - 1);
                    }
                    Assert.InRange(reader.FixDimension, 0, 3);
                    Assert.InRange(reader.PdopCenti, -1, 99999);
                }
                Assert.True(reader.Accepted + reader.Rejected <= stream.Count(b => b == '$'), "more sentences than '$' bytes");
            }
            _output.WriteLine(inputs + " mutated inputs, " + fixes + " fixes seen, " + allocated + " bytes allocated by Feed");
            Assert.True(fixes > 0, "no mutated input still gave a fix: the mutation is too strong to test anything");
            Assert.Equal(0, allocated);
        }

        // After construction, reading sentences allocates nothing: thousands of real sentences, fed in the
        // pieces a UART read hands over, with the time taken after every piece. LatestFix allocates one
        // GpsFix per changed fix and nothing when it has not changed.
        [Fact]
        public void Feed_ThousandsOfRealSentences_AllocatesNothing()
        {
            byte[] all = s_logs.SelectMany(Bytes).ToArray();
            var reader = new NmeaReader();
            reader.Feed(all, 0, all.Length);
            int sentencesPerPass = reader.Accepted;
            int passes = 5000 / sentencesPerPass + 1;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int pass = 0; pass < passes; pass++)
            {
                for (int at = 0; at < all.Length; at += 64)
                {
                    reader.Feed(all, at, Math.Min(64, all.Length - at));
                    reader.TakeTime(out _);
                }
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            int sentences = reader.Accepted - sentencesPerPass;
            _output.WriteLine(sentences + " sentences in 64-byte pieces: " + allocated + " bytes allocated");
            Assert.True(sentences >= 5000);
            Assert.Equal(0, allocated);

            reader.LatestFix();
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                reader.LatestFix();
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static Dictionary<long, GpsFix> FixesByTime(byte[] bytes)
        {
            // The fix after each line, by its time: the last one of an epoch has all the epoch's sentences in it.
            var fixes = new Dictionary<long, GpsFix>();
            var reader = new NmeaReader();
            int lineStart = 0;
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == '\n' || i == bytes.Length - 1)
                {
                    reader.Feed(bytes, lineStart, i + 1 - lineStart);
                    lineStart = i + 1;
                    GpsFix fix = reader.LatestFix();
                    if (fix != null)
                    {
                        fixes[fix.UtcMillis] = fix;
                    }
                }
            }
            return fixes;
        }

        private static byte[] Bytes(string log)
        {
            return File.ReadAllBytes(TestVectors.PathOf(Folder + log));
        }

        private static void Feed(NmeaReader reader, string text)
        {
            byte[] bytes = Encoding.Latin1.GetBytes(text);
            reader.Feed(bytes, 0, bytes.Length);
        }
    }
}
