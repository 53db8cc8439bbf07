using System;
using System.Linq;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>Ed25519: RFC 8032, libsodium sign.c (1024 + negatives), golang sign.input, Wycheproof; differential against libsodium and BouncyCastle.</summary>
    public class Ed25519Tests
    {
        private readonly ITestOutputHelper _output;

        public Ed25519Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void SignAndVerify_Rfc8032_MatchSignatures()
        {
            int count = 0;
            foreach (JsonElement test in TestVectors.Json("rfc/rfc8032_ed25519.json").GetProperty("tests").EnumerateArray())
            {
                AssertKnownAnswer(test.Bytes("seed"), test.Bytes("pk"), test.Bytes("msg"), test.Bytes("sig"));
                count++;
            }
            Assert.Equal(5, count);
        }

        [Fact]
        public void SignAndVerify_LibsodiumSignC1024_MatchSignatures()
        {
            JsonElement root = TestVectors.Json("libsodium/ed25519_sign.json");
            int count = 0;
            foreach (JsonElement test in root.GetProperty("tests").EnumerateArray())
            {
                AssertKnownAnswer(test.Bytes("seed"), test.Bytes("pk"), test.Bytes("msg"), test.Bytes("sig"));
                count++;
            }
            Assert.Equal(1024, count);
        }

        [Fact]
        public void Verify_LibsodiumNegatives_ReturnsFalse()
        {
            JsonElement root = TestVectors.Json("libsodium/ed25519_sign.json");
            int count = 0;
            foreach (JsonElement test in root.GetProperty("negative").EnumerateArray())
            {
                Assert.False(test.GetProperty("valid").GetBoolean());
                Assert.False(Ed25519.Verify(test.Bytes("sig"), test.Bytes("msg"), test.Bytes("pk")), test.Text("id"));
                count++;
            }
            Assert.Equal(14, count);
        }

        [Fact]
        public void KeyPairFromSeed_LibsodiumSeedKeypairs_MatchesSk64()
        {
            int count = 0;
            foreach (JsonElement test in TestVectors.Json("libsodium/ed25519_sign.json").GetProperty("seedKeypairs").EnumerateArray())
            {
                byte[] publicKey = new byte[Ed25519.PublicKeySize], secretKey = new byte[Ed25519.SecretKeySize];
                Ed25519.KeyPairFromSeed(publicKey, secretKey, test.Bytes("seed"));
                Assert.Equal(test.Bytes("pk"), publicKey);
                Assert.Equal(test.Bytes("sk64"), secretKey);
                count++;
            }
            Assert.Equal(1, count);
        }

        [Fact]
        public void SignAndVerify_GolangSignInput_MatchSignatures()
        {
            int count = 0;
            foreach (string line in TestVectors.Lines("golang-x-crypto/sign.input").Where(l => l.Length > 0))
            {
                string[] fields = line.Split(':');
                byte[] sk64 = Convert.FromHexString(fields[0]), publicKey = Convert.FromHexString(fields[1]);
                byte[] message = Convert.FromHexString(fields[2]), signed = Convert.FromHexString(fields[3]);
                Assert.Equal(publicKey, sk64.AsSpan(32).ToArray());
                Assert.Equal(message, signed.AsSpan(Ed25519.SignatureSize).ToArray());
                AssertKnownAnswer(sk64.AsSpan(0, 32).ToArray(), publicKey, message, signed.AsSpan(0, Ed25519.SignatureSize).ToArray());
                count++;
            }
            Assert.Equal(128, count);
        }

        [Fact]
        public void Verify_Wycheproof_MatchesResult()
        {
            JsonElement root = TestVectors.Json("wycheproof/ed25519_test.json");
            int count = 0, valid = 0, invalid = 0;
            foreach (JsonElement group in root.GetProperty("testGroups").EnumerateArray())
            {
                byte[] publicKey = group.GetProperty("publicKey").Bytes("pk");
                foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                {
                    string result = test.Text("result");
                    Assert.True(result == "valid" || result == "invalid", "unexpected result " + result);
                    bool expected = result == "valid";
                    Assert.True(expected == Ed25519.Verify(test.Bytes("sig"), test.Bytes("msg"), publicKey),
                        "tcId " + test.GetProperty("tcId").GetInt32() + " " + test.Text("comment"));
                    count++;
                    valid += expected ? 1 : 0;
                    invalid += expected ? 0 : 1;
                }
            }
            _output.WriteLine("wycheproof ed25519: " + count + " cases, " + valid + " valid, " + invalid + " invalid");
            Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), count);
            Assert.Equal(151, count);
        }

        [Fact]
        public void SignAndVerify_RandomMessages_MatchLibsodiumAndBouncyCastle()
        {
            var random = new SeededRandom(_output, nameof(SignAndVerify_RandomMessages_MatchLibsodiumAndBouncyCastle));
            byte[] publicKey = new byte[Ed25519.PublicKeySize], secretKey = new byte[Ed25519.SecretKeySize];
            byte[] signature = new byte[Ed25519.SignatureSize], theirs = new byte[Ed25519.SignatureSize];
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] seed = random.Bytes(Ed25519.SeedSize);
                byte[] message = random.Bytes(random.LengthFor(i));
                Ed25519.KeyPairFromSeed(publicKey, secretKey, seed);
                var sodiumKeys = Sodium.PublicKeyAuth.GenerateKeyPair(seed);
                Assert.Equal(sodiumKeys.PublicKey, publicKey);
                Assert.Equal(sodiumKeys.PrivateKey, secretKey);

                Ed25519.Sign(signature, secretKey, message);
                Assert.Equal(Sodium.PublicKeyAuth.SignDetached(message, secretKey), signature);
                BcEd25519.Sign(seed, 0, message, 0, message.Length, theirs, 0);
                Assert.Equal(theirs, signature);

                Assert.True(Ed25519.Verify(signature, message, publicKey));
                Assert.True(Sodium.PublicKeyAuth.VerifyDetached(signature, message, publicKey));
                Assert.True(BcEd25519.Verify(signature, 0, publicKey, 0, message, 0, message.Length));

                // A signature of another message, or by another key, fails here as in libsodium.
                byte[] other = random.Bytes(Ed25519.SignatureSize);
                Assert.Equal(Sodium.PublicKeyAuth.VerifyDetached(other, message, publicKey), Ed25519.Verify(other, message, publicKey));
            }
        }

        [Fact]
        public void Verify_FlippedBitInSignaturePublicKeyOrMessage_ReturnsFalse()
        {
            // sign.c line 65: a 64-byte message, every one of its bits flipped in turn.
            JsonElement test = TestVectors.Json("libsodium/ed25519_sign.json").GetProperty("tests")[64];
            byte[] publicKey = test.Bytes("pk"), message = test.Bytes("msg"), signature = test.Bytes("sig");
            Assert.Equal(64, message.Length);
            Assert.True(Ed25519.Verify(signature, message, publicKey));
            int count = 0;
            count += FlipEveryBit(signature, () => Ed25519.Verify(signature, message, publicKey));
            count += FlipEveryBit(publicKey, () => Ed25519.Verify(signature, message, publicKey));
            count += FlipEveryBit(message, () => Ed25519.Verify(signature, message, publicKey));
            Assert.Equal((64 + 32 + message.Length) * 8, count);
            Assert.True(Ed25519.Verify(signature, message, publicKey));

            // A long message: a flipped bit at a spread of positions.
            var random = new SeededRandom(_output, nameof(Verify_FlippedBitInSignaturePublicKeyOrMessage_ReturnsFalse));
            byte[] seed = random.Bytes(32), pk = new byte[32], sk = new byte[64], sig = new byte[64];
            byte[] longMessage = random.Bytes(4096);
            Ed25519.KeyPairFromSeed(pk, sk, seed);
            Ed25519.Sign(sig, sk, longMessage);
            for (int i = 0; i < 200; i++)
            {
                int bit = random.Next(longMessage.Length * 8);
                longMessage[bit >> 3] ^= (byte)(1 << (bit & 7));
                Assert.False(Ed25519.Verify(sig, longMessage, pk));
                longMessage[bit >> 3] ^= (byte)(1 << (bit & 7));
            }
            Assert.True(Ed25519.Verify(sig, longMessage, pk));
        }

        [Fact]
        public void SignAndVerify_MessageSliceOfLargerBuffer_EqualsWholeMessage()
        {
            var random = new SeededRandom(_output, nameof(SignAndVerify_MessageSliceOfLargerBuffer_EqualsWholeMessage));
            byte[] publicKey = new byte[32], secretKey = new byte[64], whole = new byte[64], sliced = new byte[64];
            Ed25519.KeyPairFromSeed(publicKey, secretKey, random.Bytes(32));
            foreach (int length in SeededRandom.EdgeLengths)
            {
                byte[] message = random.Bytes(length);
                byte[] buffer = random.Bytes(length + 20);
                Array.Copy(message, 0, buffer, 7, length);
                Ed25519.Sign(whole, secretKey, message);
                Ed25519.Sign(sliced, secretKey, buffer, 7, length);
                Assert.Equal(whole, sliced);
                Assert.True(Ed25519.Verify(whole, buffer, 7, length, publicKey));
                if (length > 0)
                {
                    Assert.False(Ed25519.Verify(whole, buffer, 7, length - 1, publicKey));
                }
            }
            // Signing a message held in the signature array itself.
            byte[] shared = random.Bytes(64);
            byte[] expected = new byte[64];
            Ed25519.Sign(expected, secretKey, (byte[])shared.Clone());
            Ed25519.Sign(shared, secretKey, shared);
            Assert.Equal(expected, shared);
        }

        [Fact]
        public void Verify_WrongSignatureLength_ReturnsFalse()
        {
            JsonElement test = TestVectors.Json("rfc/rfc8032_ed25519.json").GetProperty("tests")[0];
            byte[] signature = test.Bytes("sig");
            Assert.False(Ed25519.Verify(signature.AsSpan(0, 63).ToArray(), test.Bytes("msg"), test.Bytes("pk")));
            Assert.False(Ed25519.Verify(signature.Concat(new byte[1]).ToArray(), test.Bytes("msg"), test.Bytes("pk")));
        }

        [Fact]
        public void Methods_BadArguments_Throw()
        {
            byte[] pk = new byte[32], sk = new byte[64], sig = new byte[64], seed = new byte[32], message = new byte[10];
            Assert.Throws<ArgumentNullException>("seed", () => Ed25519.KeyPairFromSeed(pk, sk, null));
            Assert.Throws<ArgumentException>("secretKey", () => Ed25519.KeyPairFromSeed(pk, new byte[32], seed));
            Assert.Throws<ArgumentException>("publicKey", () => Ed25519.KeyPairFromSeed(new byte[64], sk, seed));
            Assert.Throws<ArgumentNullException>("message", () => Ed25519.Sign(sig, sk, null));
            Assert.Throws<ArgumentException>("signature", () => Ed25519.Sign(new byte[63], sk, message));
            Assert.Throws<ArgumentException>("secretKey", () => Ed25519.Sign(sig, seed, message));
            Assert.Throws<ArgumentException>("message", () => Ed25519.Sign(sig, sk, message, 5, 6));
            Assert.Throws<ArgumentException>("message", () => Ed25519.Sign(sig, sk, message, -1, 2));
            Assert.Throws<ArgumentNullException>("signature", () => Ed25519.Verify(null, message, pk));
            Assert.Throws<ArgumentNullException>("message", () => Ed25519.Verify(sig, null, pk));
            Assert.Throws<ArgumentException>("publicKey", () => Ed25519.Verify(sig, message, new byte[33]));
            Assert.Throws<ArgumentException>("message", () => Ed25519.Verify(sig, message, 11, 0, pk));
        }

        private static int FlipEveryBit(byte[] data, Func<bool> verify)
        {
            int count = 0;
            for (int bit = 0; bit < data.Length * 8; bit++)
            {
                data[bit >> 3] ^= (byte)(1 << (bit & 7));
                Assert.False(verify(), "accepted with bit " + bit + " flipped");
                data[bit >> 3] ^= (byte)(1 << (bit & 7));
                count++;
            }
            return count;
        }

        private static void AssertKnownAnswer(byte[] seed, byte[] expectedPublicKey, byte[] message, byte[] expectedSignature)
        {
            byte[] publicKey = new byte[Ed25519.PublicKeySize], secretKey = new byte[Ed25519.SecretKeySize];
            byte[] signature = new byte[Ed25519.SignatureSize];
            Ed25519.KeyPairFromSeed(publicKey, secretKey, seed);
            Assert.Equal(expectedPublicKey, publicKey);
            Ed25519.Sign(signature, secretKey, message);
            Assert.Equal(expectedSignature, signature);
            Assert.True(Ed25519.Verify(signature, message, publicKey));
        }
    }
}
