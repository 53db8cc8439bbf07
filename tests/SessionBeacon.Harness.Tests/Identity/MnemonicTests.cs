using System;
using System.Linq;
using System.Text.Json;
using SessionBeacon.Harness.Identity;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Harness.Tests.Identity
{
    public class MnemonicTests
    {
        private readonly ITestOutputHelper _output;

        public MnemonicTests(ITestOutputHelper output)
        {
            _output = output;
        }

        // session/session-upstream.json, vectors named mnemonic*: libsession-util tests/test_mnemonics.cpp.
        [Fact]
        public void UpstreamVectors_EncodeAndDecode()
        {
            JsonElement file = TestVectors.Json("session/session-upstream.json");
            int cases = 0;
            foreach (JsonElement vector in file.GetProperty("vectors").EnumerateArray())
            {
                string name = vector.GetProperty("name").GetString();
                if (!name.StartsWith("mnemonic", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (JsonElement item in vector.GetProperty("cases").EnumerateArray())
                {
                    byte[] entropy = Convert.FromHexString(item.GetProperty("entropy").GetString());
                    string words = item.GetProperty("words").GetString();
                    bool checksum = !item.TryGetProperty("checksum", out JsonElement flag) || flag.GetBoolean();
                    if (checksum)
                    {
                        Assert.Equal(words, string.Join(" ", Mnemonic.Encode(entropy)));
                        Assert.Equal(entropy, Mnemonic.Decode(words));
                    }
                    else
                    {
                        Assert.Equal(words, string.Join(" ", Mnemonic.EncodeWords(entropy)));
                        Assert.Equal(entropy, Mnemonic.DecodeWords(words.Split(' ')));
                    }
                    cases++;
                }
            }
            _output.WriteLine(cases + " upstream mnemonic cases");
            Assert.True(cases >= 4, "expected the 4 mnemonic_english cases, found " + cases);
        }

        [Fact]
        public void WordList_IsTheUpstreamEnglishList()
        {
            MnemonicWordList list = MnemonicWordList.English;
            string[] words = Enumerable.Range(0, MnemonicWordList.Size).Select(i => list[i]).ToArray();
            Assert.Equal(1626, words.Distinct().Count());
            Assert.Equal(1626, words.Select(MnemonicWordList.Prefix).Distinct().Count());
            Assert.Equal(new[] { "abbey", "abducts", "ability" }, words.Take(3));
            Assert.Equal("zoom", words[^1]);
            Assert.All(words, word => Assert.Matches("^[a-z]{3,}$", word));
            Assert.Equal(words.OrderBy(word => word, StringComparer.Ordinal), words);
        }

        [Fact]
        public void RoundTrip_RandomEntropy_DecodesToTheSameBytes()
        {
            Random random = SeededRandom(nameof(RoundTrip_RandomEntropy_DecodesToTheSameBytes));
            for (int i = 0; i < 1000; i++)
            {
                byte[] entropy = new byte[i % 2 == 0 ? Mnemonic.AccountEntropySize : Mnemonic.FullEntropySize];
                random.NextBytes(entropy);
                string[] phrase = Mnemonic.Encode(entropy);
                Assert.Equal(entropy.Length / 4 * 3 + 1, phrase.Length);
                Assert.Contains(phrase[^1], phrase[..^1]);
                Assert.Equal(entropy, Mnemonic.Decode(string.Join(" ", phrase)));
            }
        }

        [Fact]
        public void Decode_CaseSpacingAndLettersAfterThePrefix_DoNotMatter()
        {
            Random random = SeededRandom(nameof(Decode_CaseSpacingAndLettersAfterThePrefix_DoNotMatter));
            byte[] entropy = new byte[16];
            random.NextBytes(entropy);
            string[] phrase = Mnemonic.Encode(entropy);
            string shouted = "  " + string.Join(" \t\n ", phrase.Select(word => word.ToUpperInvariant())) + "\n";
            Assert.Equal(entropy, Mnemonic.Decode(shouted));
            string typos = string.Join(" ", phrase.Select(word => word.Substring(0, 3) + "zz"));
            Assert.Equal(entropy, Mnemonic.Decode(typos));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(12)]
        [InlineData(14)]
        [InlineData(20)]
        [InlineData(24)]
        [InlineData(31)]
        [InlineData(33)]
        [InlineData(64)]
        public void Encode_EntropyNot16Or32Bytes_Throws(int length)
        {
            var error = Assert.Throws<ArgumentException>(() => Mnemonic.Encode(new byte[length]));
            Assert.Equal("entropy", error.ParamName);
            Assert.Contains("not " + length, error.Message);
        }

        [Theory]
        [InlineData(0, "")]
        [InlineData(1, "")]
        [InlineData(12, "is the last word, the checksum, missing?")]
        [InlineData(14, "")]
        [InlineData(24, "is the last word, the checksum, missing?")]
        [InlineData(26, "")]
        [InlineData(48, "")]
        public void Decode_WrongWordCount_SaysHowMany(int count, string hint)
        {
            string phrase = string.Join(" ", Enumerable.Repeat("abbey", count));
            var error = Assert.Throws<FormatException>(() => Mnemonic.Decode(phrase));
            Assert.Contains("13 or 25 words, this one has " + count, error.Message);
            Assert.Contains(hint, error.Message);
        }

        [Theory]
        [InlineData(1, "zzzz")]
        [InlineData(7, "ab")]
        [InlineData(12, "qwerty")]
        [InlineData(13, "nope")]
        [InlineData(25, "xylophone")]
        public void Decode_UnknownWord_NamesItAndItsPosition(int position, string word)
        {
            string[] words = Enumerable.Repeat("abbey", position <= 13 ? 13 : 25).ToArray();
            words[position - 1] = word;
            var error = Assert.Throws<FormatException>(() => Mnemonic.Decode(string.Join(" ", words)));
            Assert.Contains("word " + position + ", '" + word + "', is not in the English word list", error.Message);
        }

        [Fact]
        public void Decode_WrongChecksumWord_Throws()
        {
            Random random = SeededRandom(nameof(Decode_WrongChecksumWord_Throws));
            for (int i = 0; i < 100; i++)
            {
                byte[] entropy = new byte[i % 2 == 0 ? 16 : 32];
                random.NextBytes(entropy);
                string[] phrase = Mnemonic.Encode(entropy);
                string other = MnemonicWordList.English[random.Next(MnemonicWordList.Size)];
                if (MnemonicWordList.Prefix(other) == MnemonicWordList.Prefix(phrase[^1]))
                {
                    continue;
                }
                string right = phrase[^1];
                phrase[^1] = other;
                var error = Assert.Throws<FormatException>(() => Mnemonic.Decode(string.Join(" ", phrase)));
                Assert.Contains("the last word, '" + other + "', does not match the checksum", error.Message);
                Assert.Contains("expected '" + right + "'", error.Message);
            }
        }

        [Fact]
        public void Decode_ChangedDataWord_IsCaughtByTheChecksumOrTheRange()
        {
            Random random = SeededRandom(nameof(Decode_ChangedDataWord_IsCaughtByTheChecksumOrTheRange));
            int caught = 0;
            for (int i = 0; i < 200; i++)
            {
                byte[] entropy = new byte[16];
                random.NextBytes(entropy);
                string[] phrase = Mnemonic.Encode(entropy);
                int changed = random.Next(12);
                string other = MnemonicWordList.English[random.Next(MnemonicWordList.Size)];
                if (MnemonicWordList.Prefix(other) == MnemonicWordList.Prefix(phrase[changed]))
                {
                    continue;
                }
                phrase[changed] = other;
                try
                {
                    // The checksum is one word of 12, so it misses some changes: those must decode to other bytes.
                    Assert.NotEqual(entropy, Mnemonic.Decode(string.Join(" ", phrase)));
                }
                catch (FormatException)
                {
                    caught++;
                }
            }
            _output.WriteLine(caught + " of 200 changed phrases rejected");
            Assert.True(caught > 100);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        [InlineData(10)]
        [InlineData(22)]
        public void Decode_GroupAbove32Bits_NamesTheWords(int firstPosition)
        {
            // abbey abbey zoom = 0 + 0·n + 1625·n² = 4,296,298,500 > 2^32 - 1.
            string[] words = Enumerable.Repeat("abbey", firstPosition < 13 ? 13 : 25).ToArray();
            words[firstPosition + 1] = "zoom";
            var error = Assert.Throws<FormatException>(() => Mnemonic.Decode(string.Join(" ", words)));
            Assert.Contains("words " + firstPosition + " to " + (firstPosition + 2) + " ('abbey abbey zoom') do not encode a 32-bit value", error.Message);
        }

        [Fact]
        public void Null_Throws()
        {
            Assert.Throws<ArgumentNullException>(() => Mnemonic.Encode(null));
            Assert.Throws<ArgumentNullException>(() => Mnemonic.Decode(null));
        }

        // Seeded like the core's SeededRandom: SESSIONBEACON_TEST_SEED replays a run, and the seed is printed.
        private Random SeededRandom(string name)
        {
            string fromEnvironment = Environment.GetEnvironmentVariable("SESSIONBEACON_TEST_SEED");
            int seed = string.IsNullOrEmpty(fromEnvironment) ? Random.Shared.Next() : int.Parse(fromEnvironment);
            _output.WriteLine(name + ": seed " + seed + " (replay with SESSIONBEACON_TEST_SEED=" + seed + ")");
            return new Random(seed);
        }
    }
}
