using System;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>Ed25519 to X25519 key conversion: libsodium ed25519_convert vectors and differential against libsodium.</summary>
    public class Ed25519ToX25519Tests
    {
        private readonly ITestOutputHelper _output;

        public Ed25519ToX25519Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void PublicKeyAndSecretKey_LibsodiumConvertVectors_MatchOrReject()
        {
            int valid = 0, rejected = 0;
            foreach (JsonElement test in TestVectors.Json("libsodium/ed25519_to_x25519.json").GetProperty("tests").EnumerateArray())
            {
                byte[] x25519PublicKey = new byte[X25519.KeySize];
                bool converted = Ed25519ToX25519.PublicKey(x25519PublicKey, test.Bytes("edPk"));
                if (test.GetProperty("valid").GetBoolean())
                {
                    Assert.True(converted, test.Text("id"));
                    Assert.Equal(test.Bytes("x25519Pk"), x25519PublicKey);
                    byte[] x25519SecretKey = new byte[X25519.ScalarSize];
                    Ed25519ToX25519.SecretKey(x25519SecretKey, test.Bytes("edSk64"));
                    Assert.Equal(test.Bytes("x25519Sk"), x25519SecretKey);
                    byte[] basePublic = new byte[X25519.KeySize];
                    X25519.ScalarMultBase(basePublic, x25519SecretKey);
                    Assert.Equal(test.Bytes("x25519Pk"), basePublic);

                    byte[] edPublic = new byte[32], edSecret = new byte[64];
                    Ed25519.KeyPairFromSeed(edPublic, edSecret, test.Bytes("edSeed"));
                    Assert.Equal(test.Bytes("edSk64"), edSecret);
                    valid++;
                }
                else
                {
                    Assert.False(converted, test.Text("id"));
                    Assert.Equal(new byte[X25519.KeySize], x25519PublicKey);
                    rejected++;
                }
            }
            Assert.Equal(2, valid);
            Assert.Equal(3, rejected);
        }

        [Fact]
        public void PublicKeyAndSecretKey_RandomKeys_MatchLibsodium()
        {
            var random = new SeededRandom(_output, nameof(PublicKeyAndSecretKey_RandomKeys_MatchLibsodium));
            byte[] edPublic = new byte[32], edSecret = new byte[64], ours = new byte[32];
            int rejected = 0;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                Ed25519.KeyPairFromSeed(edPublic, edSecret, random.Bytes(32));
                Assert.True(Ed25519ToX25519.PublicKey(ours, edPublic));
                Assert.Equal(Sodium.PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(edPublic), ours);
                Ed25519ToX25519.SecretKey(ours, edSecret);
                Assert.Equal(Sodium.PublicKeyAuth.ConvertEd25519SecretKeyToCurve25519SecretKey(edSecret), ours);

                // Random bytes are mostly not points, or points with a small-order component: the
                // verdict must be libsodium's.
                byte[] candidate = random.Bytes(32);
                bool ok = Ed25519ToX25519.PublicKey(ours, candidate);
                byte[] expected = null;
                try
                {
                    expected = Sodium.PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(candidate);
                }
                catch (Exception)
                {
                    // libsodium returned -1.
                }
                Assert.Equal(expected != null, ok);
                if (ok)
                {
                    Assert.Equal(expected, ours);
                }
                rejected += ok ? 0 : 1;
            }
            _output.WriteLine("random candidates rejected: " + rejected + " of " + SeededRandom.Iterations);
            Assert.True(rejected > 0);
        }

        [Fact]
        public void Methods_BadArguments_Throw()
        {
            Assert.Throws<ArgumentNullException>("ed25519PublicKey", () => Ed25519ToX25519.PublicKey(new byte[32], null));
            Assert.Throws<ArgumentException>("x25519PublicKey", () => Ed25519ToX25519.PublicKey(new byte[31], new byte[32]));
            Assert.Throws<ArgumentException>("ed25519SecretKey", () => Ed25519ToX25519.SecretKey(new byte[32], new byte[32]));
            Assert.Throws<ArgumentNullException>("x25519SecretKey", () => Ed25519ToX25519.SecretKey(null, new byte[64]));
        }
    }
}
