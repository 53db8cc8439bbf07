using System;
using System.Linq;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Identity
{
    // session/session-upstream.json: libsession-util tests/test_session_encrypt.cpp, test_blinding.cpp,
    // test_ed25519.cpp and test_curve25519.cpp (docs/protocol.md §1.1, §5).
    public class IdentityKeysTests
    {
        private static JsonElement Vector(string name) =>
            TestVectors.Json("session/session-upstream.json").GetProperty("vectors").EnumerateArray()
                .Single(v => v.GetProperty("name").GetString() == name);

        [Theory]
        [InlineData("identity_seed_A")]
        [InlineData("identity_seed_B")]
        [InlineData("identity_seed_blinding_test")]
        public void FromSeed_UpstreamIdentity_MatchesEveryKey(string name)
        {
            JsonElement vector = Vector(name);
            byte[] seed = vector.Bytes("ed25519_seed");
            IdentityKeys keys = IdentityKeys.FromSeed(seed);

            Assert.Equal(vector.Bytes("ed25519_pubkey"), keys.Ed25519PublicKey);
            Assert.Equal(seed.Concat(vector.Bytes("ed25519_pubkey")).ToArray(), keys.Ed25519SecretKey);
            Assert.Equal(vector.Text("session_id"), keys.SessionId);
            Assert.Equal(SessionId.TryParse(vector.Text("session_id")), keys.X25519PublicKey);
            if (vector.Has("x25519_pubkey"))
            {
                Assert.Equal(vector.Bytes("x25519_pubkey"), keys.X25519PublicKey);
            }
            if (vector.Has("x25519_seckey_derived"))
            {
                Assert.Equal(vector.Bytes("x25519_seckey_derived"), keys.X25519SecretKey);
            }
            // The X25519 pair is a pair: the secret key's public key is the converted one.
            byte[] fromSecret = new byte[32];
            X25519.ScalarMultBase(fromSecret, keys.X25519SecretKey);
            Assert.Equal(keys.X25519PublicKey, fromSecret);
        }

        [Fact]
        public void FromSeed_UpstreamEd25519Vector_KeyAndSignature()
        {
            JsonElement vector = Vector("ed25519_keypair_and_signature");
            IdentityKeys keys = IdentityKeys.FromSeed(vector.Bytes("ed25519_seed"));
            Assert.Equal(vector.Bytes("ed25519_pubkey"), keys.Ed25519PublicKey);
            byte[] signature = new byte[64];
            Ed25519.Sign(signature, keys.Ed25519SecretKey, System.Text.Encoding.UTF8.GetBytes(vector.Text("message_text")));
            Assert.Equal(vector.Bytes("signature"), signature);
        }

        [Fact]
        public void FromSeed_UpstreamKeyConversion_EveryCase()
        {
            int publicCases = 0;
            int secretCases = 0;
            foreach (JsonElement test in Vector("ed25519_to_x25519").GetProperty("cases").EnumerateArray())
            {
                if (test.Has("ed25519_pubkey"))
                {
                    byte[] converted = new byte[32];
                    Assert.True(Ed25519ToX25519.PublicKey(converted, test.Bytes("ed25519_pubkey")));
                    Assert.Equal(test.Bytes("x25519_pubkey"), converted);
                    publicCases++;
                }
                else
                {
                    // The 64-byte secret is seed || public key: the identity made from its seed has the same keys.
                    byte[] secret = test.Bytes("ed25519_secret_64");
                    IdentityKeys keys = IdentityKeys.FromSeed(secret.Take(32).ToArray());
                    Assert.Equal(secret, keys.Ed25519SecretKey);
                    Assert.Equal(test.Bytes("x25519_seckey"), keys.X25519SecretKey);
                    secretCases++;
                }
            }
            Assert.Equal(2, publicCases);
            Assert.Equal(2, secretCases);
        }

        [Fact]
        public void FromSeed_RandomSeeds_MatchLibsodium()
        {
            var random = new Random(20261127);
            for (int i = 0; i < 50; i++)
            {
                byte[] seed = new byte[32];
                random.NextBytes(seed);
                IdentityKeys keys = IdentityKeys.FromSeed(seed);
                Sodium.KeyPair pair = Sodium.PublicKeyAuth.GenerateKeyPair(seed);
                Assert.Equal(pair.PublicKey, keys.Ed25519PublicKey);
                Assert.Equal(pair.PrivateKey, keys.Ed25519SecretKey);
                Assert.Equal(Sodium.PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(pair.PublicKey), keys.X25519PublicKey);
                Assert.Equal(Sodium.PublicKeyAuth.ConvertEd25519SecretKeyToCurve25519SecretKey(pair.PrivateKey), keys.X25519SecretKey);
                Assert.Equal("05" + Convert.ToHexString(keys.X25519PublicKey).ToLowerInvariant(), keys.SessionId);
            }
        }

        [Fact]
        public void FromSeed_WrongSeed_Throws()
        {
            Assert.Throws<ArgumentNullException>(() => IdentityKeys.FromSeed(null));
            var error = Assert.Throws<ArgumentException>(() => IdentityKeys.FromSeed(new byte[16]));
            Assert.StartsWith("seed must be 32 bytes", error.Message);
        }

        [Fact]
        public void Wipe_ClearsSecretKeys_KeepsPublicOnes()
        {
            IdentityKeys keys = IdentityKeys.FromSeed(Vector("identity_seed_A").Bytes("ed25519_seed"));
            keys.Wipe();
            Assert.All(keys.Ed25519SecretKey, b => Assert.Equal(0, b));
            Assert.All(keys.X25519SecretKey, b => Assert.Equal(0, b));
            Assert.Equal(Vector("identity_seed_A").Bytes("ed25519_pubkey"), keys.Ed25519PublicKey);
        }
    }
}
