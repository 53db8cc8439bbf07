using System;
using System.IO;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    public class RatchetRecipientConfigTests
    {
        private const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";

        /// <summary>A counter-driven random source: the same bytes every run.</summary>
        private sealed class CountingRandom : IRandomSource
        {
            private byte _next;

            public CountingRandom(byte start) => _next = start;

            public void Fill(byte[] buffer, int offset, int count)
            {
                for (int i = 0; i < count; i++)
                {
                    buffer[offset + i] = _next;
                    _next = (byte)(_next * 5 + 3);
                }
            }
        }

        private static IdentityKeys Identity(byte fill)
        {
            var seed = new byte[IdentityKeys.SeedSize];
            Array.Fill(seed, fill);
            return IdentityKeys.FromSeed(seed);
        }

        private static readonly IdentityKeys s_companion = Identity(7);
        private static readonly IdentityKeys s_other = Identity(8);

        private static byte[] Bundle(IdentityKeys owner)
        {
            var bundle = new byte[RatchetPreKey.Size];
            RatchetPreKey.Create(bundle, new byte[X25519.ScalarSize], owner, new CountingRandom(1));
            return bundle;
        }

        private static string Companion => s_companion.SessionId;

        private static string Base = "board = esp32-devkitc\nrecipient = " + Alice + " Alice\nrecipient = " + s_companion.SessionId + " Companion\n";

        private static string PreKeyLine(string id, byte[] bundle) => "recipient.prekey = " + id + " " + Convert.ToBase64String(bundle) + "\n";

        [Fact]
        public void Parse_PlainAndRatchetRecipients_BothKinds()
        {
            byte[] bundle = Bundle(s_companion);
            BeaconConfig config = BeaconConfig.Parse(Base + PreKeyLine(Companion, bundle), "nf.config");
            Assert.Equal(2, config.Recipients.Length);
            Recipient alice = config.Recipients[0];
            Recipient companion = config.Recipients[1];
            Assert.False(alice.UsesRatchet);
            Assert.Null(alice.PreKeyBundle);
            Assert.True(companion.UsesRatchet);
            Assert.Equal(bundle, companion.PreKeyBundle);
            Assert.Equal(172, Convert.ToBase64String(bundle).Length);
            // The bundle the config accepted is one a beacon can start a session with.
            var preKey = new byte[X25519.KeySize];
            RatchetPreKey.Open(preKey, companion.PreKeyBundle, companion.PublicKey);
        }

        // A companion receiver's payload carries the ratchet packet (header, initiation key, tag) inside the v1
        // message, so its share of every outbox record, and of the heap budget, is larger than a plain recipient's.
        [Fact]
        public void HeapBudget_RatchetRecipient_LargerRecordThanPlain()
        {
            BoardProfile board = BoardProfile.Parse("board.name = T\nchip = esp32\nbutton.pin = 4\nled.pin = 2\n", "t.conf");
            HeapBudget plain = HeapBudget.For(board, BeaconConfig.Parse(Base, "nf.config"));
            HeapBudget ratchet = HeapBudget.For(board, BeaconConfig.Parse(Base + PreKeyLine(Companion, Bundle(s_companion)), "nf.config"));
            Assert.True(ratchet.RecordBytes > plain.RecordBytes + RatchetPacket.InitiationHeaderSize, plain.RecordBytes + " then " + ratchet.RecordBytes);
        }

        [Fact]
        public void Parse_PreKeyLineBeforeRecipientLineAndUppercaseId_Accepted()
        {
            byte[] bundle = Bundle(s_companion);
            string text = "board = x\n" + PreKeyLine(Companion.ToUpperInvariant(), bundle) + "recipient = " + Companion + " C\n";
            Recipient companion = Assert.Single(BeaconConfig.Parse(text, "nf.config").Recipients);
            Assert.True(companion.UsesRatchet);
        }

        [Fact]
        public void Parse_ShippedConfig_RecipientsArePlainV1()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "shipped", "nf.config");
            BeaconConfig config = BeaconConfig.Parse(File.ReadAllText(path), "nf.config");
            Assert.All(config.Recipients, r => Assert.False(r.UsesRatchet));
        }

        public static TheoryData<string, string> Problems()
        {
            string shortId = Companion.Substring(0, 8) + "...";
            byte[] good = Bundle(s_companion);
            byte[] version2 = (byte[])good.Clone();
            version2[0] = 2;
            byte[] damaged = (byte[])good.Clone();
            damaged[100] ^= 0x01;
            byte[] damagedKey = (byte[])good.Clone();
            damagedKey[40] ^= 0x01;
            string prefix = "nf.config line 4: recipient.prekey for " + shortId + ": ";
            return new TheoryData<string, string>
            {
                { Base + "recipient.prekey = " + Companion + "\n", "nf.config line 4: recipient.prekey needs the recipient's Session ID and then its pre-key bundle" },
                { Base + "recipient.prekey =\n", "nf.config line 4: recipient.prekey needs the recipient's Session ID and then its pre-key bundle" },
                { Base + PreKeyLine("05abc", good), "nf.config line 4: recipient.prekey: '05abc' is not a Session ID: a Session ID has 66 characters" },
                { Base + PreKeyLine(s_other.SessionId, Bundle(s_other)), "nf.config line 4: recipient.prekey for " + s_other.SessionId.Substring(0, 8) + "...: no 'recipient' line has this Session ID" },
                { Base + PreKeyLine(Companion, good) + PreKeyLine(Companion, good), "nf.config line 5: recipient.prekey for " + shortId + " is already given on line 4" },
                { Base + "recipient.prekey = " + Companion + " " + Convert.ToBase64String(good) + " extra\n", prefix + "the bundle must be one word of base64" },
                { Base + "recipient.prekey = " + Companion + " " + Convert.ToBase64String(good).Replace('A', '*') + "\n", prefix + "the bundle is not base64" },
                { Base + PreKeyLine(Companion, good.AsSpan(0, 128).ToArray()), prefix + "the bundle is 128 bytes; a pre-key bundle is 129" },
                { Base + PreKeyLine(Companion, new byte[130]), prefix + "the bundle is 130 bytes; a pre-key bundle is 129" },
                { Base + PreKeyLine(Companion, version2), prefix + "the bundle has version 2; this beacon reads version 1" },
                { Base + PreKeyLine(Companion, damaged), prefix + "the bundle's signature does not verify: it is damaged" },
                { Base + PreKeyLine(Companion, damagedKey), prefix + "the bundle's signature does not verify: it is damaged" },
                { Base + PreKeyLine(Companion, Bundle(s_other)), prefix + "the bundle was not made by this recipient's Session ID" },
            };
        }

        [Theory]
        [MemberData(nameof(Problems))]
        public void Parse_PreKeyProblem_ReportedWithLine(string text, string expected)
        {
            var error = Assert.Throws<ConfigException>(() => BeaconConfig.Parse(text, "nf.config"));
            Assert.Contains(error.Problems, problem => problem.StartsWith(expected, StringComparison.Ordinal));
        }
    }
}
