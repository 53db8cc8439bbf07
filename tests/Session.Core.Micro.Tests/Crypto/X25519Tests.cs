using System;
using System.Linq;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>X25519: RFC 7748, Wycheproof, libsodium box keys; differential against libsodium and BouncyCastle.</summary>
    public class X25519Tests
    {
        private readonly ITestOutputHelper _output;

        public X25519Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void ScalarMult_Rfc7748Section52_MatchesOutput()
        {
            int count = 0;
            foreach (JsonElement test in TestVectors.Json("rfc/rfc7748_x25519.json").GetProperty("x25519").EnumerateArray())
            {
                byte[] shared = new byte[X25519.KeySize];
                Assert.True(X25519.ScalarMult(shared, test.Bytes("scalar"), test.Bytes("u")));
                Assert.Equal(test.Bytes("output"), shared);
                count++;
            }
            Assert.Equal(2, count);
        }

        [Fact]
        public void ScalarMult_Rfc7748Section61_AgreesOnSharedSecret()
        {
            JsonElement dh = TestVectors.Json("rfc/rfc7748_x25519.json").GetProperty("dh");
            AssertDiffieHellman(dh.Bytes("aliceSk"), dh.Bytes("alicePk"), dh.Bytes("bobSk"), dh.Bytes("bobPk"), dh.Bytes("shared"));
        }

        [Fact]
        public void ScalarMult_Rfc7748Iterated1And1000_MatchesOutput()
        {
            int count = 0;
            foreach (JsonElement test in TestVectors.Json("rfc/rfc7748_x25519.json").GetProperty("iterated").EnumerateArray())
            {
                int iterations = test.GetProperty("iterations").GetInt32();
                if (iterations > 1000)
                {
                    continue; // ScalarMult_Rfc7748IteratedMillion_MatchesOutput, long run only.
                }
                Assert.Equal(test.Bytes("output"), Iterate(iterations));
                count++;
            }
            Assert.Equal(2, count);
        }

        [LongRunFact]
        public void ScalarMult_Rfc7748IteratedMillion_MatchesOutput()
        {
            JsonElement test = TestVectors.Json("rfc/rfc7748_x25519.json").GetProperty("iterated").EnumerateArray()
                .Single(t => t.GetProperty("iterations").GetInt32() == 1000000);
            Assert.Equal(test.Bytes("output"), Iterate(1000000));
        }

        [Fact]
        public void ScalarMultRaw_Wycheproof_ReturnsShared()
        {
            JsonElement root = TestVectors.Json("wycheproof/x25519_test.json");
            int count = 0, valid = 0, acceptable = 0, zero = 0;
            foreach (JsonElement group in root.GetProperty("testGroups").EnumerateArray())
            {
                Assert.Equal("curve25519", group.Text("curve"));
                foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                {
                    string result = test.Text("result");
                    byte[] secretKey = test.Bytes("private"), publicKey = test.Bytes("public"), expected = test.Bytes("shared");
                    Assert.True(result == "valid" || result == "acceptable", "tcId " + test.GetProperty("tcId").GetInt32() + " is " + result);
                    byte[] raw = new byte[X25519.KeySize];
                    X25519.ScalarMultRaw(raw, secretKey, publicKey);
                    Assert.Equal(expected, raw);

                    bool allZero = expected.All(b => b == 0);
                    byte[] shared = new byte[X25519.KeySize];
                    Assert.Equal(!allZero, X25519.ScalarMult(shared, secretKey, publicKey));
                    Assert.Equal(expected, shared);
                    count++;
                    valid += result == "valid" ? 1 : 0;
                    acceptable += result == "acceptable" ? 1 : 0;
                    zero += allZero ? 1 : 0;
                }
            }
            _output.WriteLine("wycheproof x25519: " + count + " cases, " + valid + " valid, " + acceptable + " acceptable, " + zero + " all-zero shared secrets");
            Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), count);
            Assert.Equal(518, count);
            Assert.True(zero > 0);
        }

        [Fact]
        public void ScalarMult_LibsodiumBoxKeys_MatchAndRejectSmallOrder()
        {
            JsonElement root = TestVectors.Json("libsodium/box_curve25519xsalsa20poly1305.json");
            JsonElement keys = root.GetProperty("keys");
            AssertDiffieHellman(keys.Bytes("aliceSk"), keys.Bytes("alicePk"), keys.Bytes("bobSk"), keys.Bytes("bobPk"), keys.Bytes("x25519Shared"));

            byte[] shared = new byte[X25519.KeySize];
            Assert.False(X25519.ScalarMult(shared, keys.Bytes("aliceSk"), keys.Bytes("smallOrderPk")));
            // The top bit of u is ignored (RFC 7748 section 5).
            Assert.True(X25519.ScalarMult(shared, keys.Bytes("bobSk"), keys.Bytes("alicePkHighBitSet")));
            Assert.Equal(keys.Bytes("x25519Shared"), shared);

            int rejects = 0;
            foreach (JsonElement reject in root.GetProperty("rejects").EnumerateArray())
            {
                Assert.False(X25519.ScalarMult(shared, reject.Bytes("sk"), reject.Bytes("pk")));
                Assert.Equal(new byte[X25519.KeySize], shared);
                rejects++;
            }
            Assert.Equal(1, rejects);
        }

        [Fact]
        public void ScalarMultBase_LibsodiumBoxSeedKeypairs_MatchPublicKey()
        {
            // crypto_box_seed_keypair: sk = SHA-512(seed)[0..31], pk = X25519(sk, 9).
            int count = 0;
            foreach (string file in new[] { "libsodium/box_curve25519xsalsa20poly1305.json", "libsodium/xchacha20_hchacha20.json" })
            {
                JsonElement root = TestVectors.Json(file);
                string array = root.TryGetProperty("seedKeypairs", out _) ? "seedKeypairs" : "boxSeedKeypairs";
                foreach (JsonElement test in root.GetProperty(array).EnumerateArray())
                {
                    byte[] secretKey = Sha512.Hash(test.Bytes("seed")).AsSpan(0, X25519.ScalarSize).ToArray();
                    Assert.Equal(test.Bytes("sk"), secretKey);
                    byte[] publicKey = new byte[X25519.KeySize];
                    X25519.ScalarMultBase(publicKey, secretKey);
                    Assert.Equal(test.Bytes("pk"), publicKey);
                    count++;
                }
            }
            Assert.Equal(2, count);
        }

        [Fact]
        public void ScalarMult_RandomKeys_MatchLibsodiumAndBouncyCastle()
        {
            var random = new SeededRandom(_output, nameof(ScalarMult_RandomKeys_MatchLibsodiumAndBouncyCastle));
            byte[] ours = new byte[X25519.KeySize], theirs = new byte[X25519.KeySize];
            byte[] basePoint = new byte[X25519.KeySize];
            basePoint[0] = 9;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] secretKey = random.Bytes(X25519.ScalarSize), publicKey = random.Bytes(X25519.KeySize);
                Assert.True(X25519.ScalarMult(ours, secretKey, publicKey));
                Assert.Equal(Sodium.ScalarMult.Mult(secretKey, publicKey), ours);
                Org.BouncyCastle.Math.EC.Rfc7748.X25519.ScalarMult(secretKey, 0, publicKey, 0, theirs, 0);
                Assert.Equal(theirs, ours);

                X25519.ScalarMultBase(ours, secretKey);
                Assert.Equal(Sodium.ScalarMult.Base(secretKey), ours);
                X25519.ScalarMultRaw(theirs, secretKey, basePoint);
                Assert.Equal(theirs, ours);
                Org.BouncyCastle.Math.EC.Rfc7748.X25519.ScalarMultBase(secretKey, 0, theirs, 0);
                Assert.Equal(theirs, ours);
            }
        }

        [Fact]
        public void ScalarMult_OutputSameArrayAsAnInput_MatchesOutOfPlace()
        {
            JsonElement test = TestVectors.Json("rfc/rfc7748_x25519.json").GetProperty("x25519")[0];
            byte[] buffer = test.Bytes("u");
            X25519.ScalarMultRaw(buffer, test.Bytes("scalar"), buffer);
            Assert.Equal(test.Bytes("output"), buffer);
            buffer = test.Bytes("u");
            Assert.True(X25519.ScalarMult(buffer, test.Bytes("scalar"), buffer));
            Assert.Equal(test.Bytes("output"), buffer);
            buffer = test.Bytes("scalar");
            Assert.True(X25519.ScalarMult(buffer, buffer, test.Bytes("u")));
            Assert.Equal(test.Bytes("output"), buffer);

            JsonElement dh = TestVectors.Json("rfc/rfc7748_x25519.json").GetProperty("dh");
            buffer = dh.Bytes("aliceSk");
            X25519.ScalarMultBase(buffer, buffer);
            Assert.Equal(dh.Bytes("alicePk"), buffer);
        }

        [Fact]
        public void ScalarMult_WrongSizesOrNull_Throw()
        {
            byte[] key = new byte[32];
            Assert.Throws<ArgumentNullException>("sharedSecret", () => X25519.ScalarMult(null, key, key));
            Assert.Throws<ArgumentNullException>("secretKey", () => X25519.ScalarMult(key, null, key));
            Assert.Throws<ArgumentNullException>("publicKey", () => X25519.ScalarMult(key, key, null));
            Assert.Throws<ArgumentException>("sharedSecret", () => X25519.ScalarMult(new byte[31], key, key));
            Assert.Throws<ArgumentException>("secretKey", () => X25519.ScalarMult(key, new byte[33], key));
            Assert.Throws<ArgumentException>("publicKey", () => X25519.ScalarMult(key, key, new byte[0]));
            Assert.Throws<ArgumentException>("publicKey", () => X25519.ScalarMultBase(new byte[31], key));
            Assert.Throws<ArgumentNullException>("secretKey", () => X25519.ScalarMultBase(key, null));
        }

        private static void AssertDiffieHellman(byte[] aliceSk, byte[] alicePk, byte[] bobSk, byte[] bobPk, byte[] shared)
        {
            byte[] output = new byte[X25519.KeySize];
            X25519.ScalarMultBase(output, aliceSk);
            Assert.Equal(alicePk, output);
            X25519.ScalarMultBase(output, bobSk);
            Assert.Equal(bobPk, output);
            Assert.True(X25519.ScalarMult(output, aliceSk, bobPk));
            Assert.Equal(shared, output);
            Assert.True(X25519.ScalarMult(output, bobSk, alicePk));
            Assert.Equal(shared, output);
        }

        private static byte[] Iterate(int iterations)
        {
            // RFC 7748 section 5.2: k = u = 9; repeat r = X25519(k, u); u = k; k = r.
            byte[] k = new byte[32], u = new byte[32], r = new byte[32];
            k[0] = 9;
            u[0] = 9;
            for (int i = 0; i < iterations; i++)
            {
                X25519.ScalarMultRaw(r, k, u);
                byte[] oldK = k;
                k = r;
                r = u;
                u = oldK;
            }
            return k;
        }
    }
}
