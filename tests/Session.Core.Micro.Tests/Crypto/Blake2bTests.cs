using System;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Digests;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public sealed class Blake2bTests
    {
        private readonly ITestOutputHelper _output;

        public Blake2bTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Hash_Blake2KatBlake2bEntries_MatchOutput()
        {
            JsonElement file = TestVectors.Json("blake2/blake2-kat.json");
            int keyed = 0;
            int unkeyed = 0;
            foreach (JsonElement test in file.EnumerateArray())
            {
                if (test.Text("hash") != "blake2b")
                {
                    continue;
                }
                byte[] key = test.Bytes("key");
                byte[] expected = test.Bytes("out");
                Assert.Equal(expected, Blake2b.Hash(expected.Length, key.Length == 0 ? null : key, test.Bytes("in")));
                if (key.Length == 0)
                {
                    unkeyed++;
                }
                else
                {
                    keyed++;
                }
            }
            Assert.Equal(256, unkeyed);
            Assert.Equal(256, keyed);
        }

        [Fact]
        public void Final_LibsodiumGenerichashVectors_MatchOutput()
        {
            JsonElement file = TestVectors.Json("libsodium/blake2b_generichash.json");
            int run = 0;
            int salted = 0;
            foreach (JsonElement test in file.GetProperty("tests").EnumerateArray())
            {
                byte[] input = test.Bytes("input");
                byte[] key = test.Bytes("key");
                int outputLength = test.GetProperty("outlen").GetInt32();
                byte[] salt = test.Has("salt") ? test.Bytes("salt") : null;
                byte[] personal = test.Has("personal") ? test.Bytes("personal") : null;
                byte[] expected = test.Bytes("output");
                string id = test.Text("id");

                var hash = new Blake2b(outputLength, key, salt, personal);
                byte[] actual = new byte[outputLength];
                if (id.StartsWith("generichash2_", StringComparison.Ordinal))
                {
                    // libsodium fed these as three equal update() calls; do the same.
                    Assert.Equal(0, input.Length % 3);
                    int third = input.Length / 3;
                    hash.Update(input, 0, third);
                    hash.Update(input, third, third);
                    hash.Update(input, 2 * third, third);
                }
                else
                {
                    hash.Update(input, 0, input.Length);
                }
                hash.Final(actual, 0);
                Assert.True(expected.AsSpan().SequenceEqual(actual), id);

                // Null salt/personal are zeros; the one-shot form agrees when neither is used.
                byte[] zeros = new byte[Blake2b.SaltSize];
                var explicitZeros = new Blake2b(outputLength, key, salt ?? zeros, personal ?? zeros);
                explicitZeros.Update(input, 0, input.Length);
                explicitZeros.Final(actual, 0);
                Assert.True(expected.AsSpan().SequenceEqual(actual), id + " with explicit zero salt/personal");
                if (salt == null && personal == null)
                {
                    Assert.True(expected.AsSpan().SequenceEqual(Blake2b.Hash(outputLength, key, input)), id + " one-shot");
                }
                else
                {
                    salted++;
                }
                run++;
            }
            Assert.Equal(202, run);
            Assert.True(salted > 0, "the file's salt/personal cases were not found");
        }

        [Fact]
        public void Hash_SealedBoxNonces_MatchBlake2b192OfPublicKeys()
        {
            // box_seal.json records nonce = BLAKE2b-192(ephemeralPk || recipientPk) for its positive cases.
            JsonElement file = TestVectors.Json("libsodium/box_seal.json");
            int run = 0;
            foreach (JsonElement test in file.GetProperty("tests").EnumerateArray())
            {
                if (!test.Has("nonce"))
                {
                    continue;
                }
                byte[] input = new byte[64];
                test.Bytes("ephemeralPk").CopyTo(input, 0);
                test.Bytes("recipientPk").CopyTo(input, 32);
                Assert.Equal(test.Bytes("nonce"), Blake2b.Hash(24, null, input));
                run++;
            }
            Assert.Equal(8, run);
        }

        [Fact]
        public void Hash_RandomInputs_MatchesLibsodiumAndBouncyCastle()
        {
            var random = new SeededRandom(_output, nameof(Blake2bTests) + "." + nameof(Hash_RandomInputs_MatchesLibsodiumAndBouncyCastle));
            int run = 0;
            int viaWrapper = 0;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                int outputLength = 1 + random.Next(Blake2b.MaxOutputSize);
                // Unkeyed (null or empty) about one time in three, else a key of 1..64 bytes.
                int keyChoice = random.Next(3);
                byte[] key = keyChoice == 0 ? null : random.Bytes(keyChoice == 1 ? 0 : 1 + random.Next(Blake2b.MaxKeySize));
                byte[] data = random.Bytes(random.LengthFor(i));
                byte[] libsodium = LibsodiumNative.Blake2b(outputLength, key, null, null, data);

                var reference = new Blake2bDigest(key, outputLength, null, null);
                byte[] bouncy = new byte[outputLength];
                reference.BlockUpdate(data, 0, data.Length);
                reference.DoFinal(bouncy, 0);
                Assert.Equal(libsodium, bouncy);

                Assert.Equal(libsodium, Blake2b.Hash(outputLength, key, data));
                byte[] padded = new byte[data.Length + 5];
                Array.Copy(data, 0, padded, 3, data.Length);
                byte[] output = new byte[outputLength + 2];
                Blake2b.Hash(output, 2, outputLength, key, padded, 3, data.Length);
                Assert.Equal(libsodium, output.AsSpan(2).ToArray());

                // Sodium.Core's own wrapper takes outputs and keys of 16 bytes and up only.
                if (outputLength >= 16 && (key == null || key.Length >= 16))
                {
                    Assert.Equal(libsodium, Sodium.GenericHash.Hash(data, key != null && key.Length == 0 ? null : key, outputLength));
                    viaWrapper++;
                }
                run++;
            }
            Assert.Equal(SeededRandom.Iterations, run);
            Assert.True(viaWrapper > 0);
        }

        [Fact]
        public void Final_RandomSaltAndPersonal_MatchesLibsodiumAndBouncyCastle()
        {
            var random = new SeededRandom(_output, nameof(Blake2bTests) + "." + nameof(Final_RandomSaltAndPersonal_MatchesLibsodiumAndBouncyCastle));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                int outputLength = 1 + random.Next(Blake2b.MaxOutputSize);
                byte[] key = random.Next(2) == 0 ? null : random.Bytes(1 + random.Next(Blake2b.MaxKeySize));
                byte[] salt = random.Next(4) == 0 ? null : random.Bytes(Blake2b.SaltSize);
                byte[] personal = random.Next(4) == 0 ? null : random.Bytes(Blake2b.PersonalSize);
                byte[] data = random.Bytes(random.LengthFor(i));
                byte[] libsodium = LibsodiumNative.Blake2b(outputLength, key, salt, personal, data);

                var reference = new Blake2bDigest(key, outputLength, salt, personal);
                byte[] bouncy = new byte[outputLength];
                reference.BlockUpdate(data, 0, data.Length);
                reference.DoFinal(bouncy, 0);
                Assert.Equal(libsodium, bouncy);

                var hash = new Blake2b(outputLength, key, salt, personal);
                byte[] actual = new byte[outputLength];
                hash.Update(data, 0, data.Length);
                hash.Final(actual, 0);
                Assert.Equal(libsodium, actual);
            }
        }

        [Fact]
        public void Update_RandomPiecesAndReuse_EqualsOneCall()
        {
            var random = new SeededRandom(_output, nameof(Blake2bTests) + "." + nameof(Update_RandomPiecesAndReuse_EqualsOneCall));
            for (int i = 0; i < SeededRandom.Iterations / 10; i++)
            {
                int outputLength = 1 + random.Next(Blake2b.MaxOutputSize);
                byte[] key = random.Next(2) == 0 ? null : random.Bytes(1 + random.Next(Blake2b.MaxKeySize));
                byte[] salt = random.Bytes(Blake2b.SaltSize);
                byte[] personal = random.Bytes(Blake2b.PersonalSize);
                var hash = new Blake2b(outputLength, key, salt, personal);
                byte[] actual = new byte[outputLength];
                // Final returns to the keyed, salted start: three messages on one instance.
                for (int message = 0; message < 3; message++)
                {
                    byte[] data = random.Bytes(random.LengthFor(i));
                    int position = 0;
                    while (position < data.Length)
                    {
                        // Short pieces, empty ones and runs of whole blocks, to land on every block edge.
                        int piece = random.Next(4) == 0 ? 128 * random.Next(3) : random.Next(150);
                        piece = Math.Min(piece, data.Length - position);
                        hash.Update(data, position, piece);
                        position += piece;
                    }
                    hash.Final(actual, 0);
                    Assert.Equal(LibsodiumNative.Blake2b(outputLength, key, salt, personal, data), actual);
                }
            }
        }

        [Fact]
        public void Hash_FlippedBitInKeyOrMessage_GivesDifferentOutput()
        {
            var random = new SeededRandom(_output, nameof(Blake2bTests) + "." + nameof(Hash_FlippedBitInKeyOrMessage_GivesDifferentOutput));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(1 + random.Next(Blake2b.MaxKeySize));
                byte[] data = random.Bytes(1 + random.LengthFor(i));
                byte[] tag = Blake2b.Hash(32, key, data);

                int keyBit = random.Next(8 * key.Length);
                key[keyBit / 8] ^= (byte)(1 << (keyBit % 8));
                Assert.False(CryptoBytes.ConstantTimeEquals(tag, Blake2b.Hash(32, key, data)), "key bit " + keyBit);
                key[keyBit / 8] ^= (byte)(1 << (keyBit % 8));

                int dataBit = random.Next(8 * data.Length);
                data[dataBit / 8] ^= (byte)(1 << (dataBit % 8));
                Assert.False(CryptoBytes.ConstantTimeEquals(tag, Blake2b.Hash(32, key, data)), "message bit " + dataBit);
            }
        }

        [Fact]
        public void Hash_EmptyKey_EqualsUnkeyed()
        {
            byte[] data = new byte[200];
            Assert.Equal(Blake2b.Hash(24, null, data), Blake2b.Hash(24, Array.Empty<byte>(), data));
        }

        [Fact]
        public void UpdateFinal_AfterConstruction_AllocateNothing()
        {
            var hash = new Blake2b(24, new byte[32], new byte[Blake2b.SaltSize], null);
            byte[] data = new byte[3 * 128 + 5];
            byte[] output = new byte[24];
            hash.Update(data, 0, data.Length);
            hash.Final(output, 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                hash.Update(data, 0, 7);
                hash.Update(data, 7, data.Length - 7);
                hash.Final(output, 0);
            }
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }

        [Fact]
        public void Arguments_Misused_Throw()
        {
            var data = new byte[10];
            Assert.Throws<ArgumentException>("outputLength", () => new Blake2b(0, null));
            Assert.Throws<ArgumentException>("outputLength", () => new Blake2b(Blake2b.MaxOutputSize + 1, null));
            Assert.Throws<ArgumentException>("key", () => new Blake2b(32, new byte[Blake2b.MaxKeySize + 1]));
            Assert.Throws<ArgumentException>("salt", () => new Blake2b(32, null, new byte[Blake2b.SaltSize - 1], null));
            Assert.Throws<ArgumentException>("personal", () => new Blake2b(32, null, null, new byte[Blake2b.PersonalSize + 1]));
            Assert.Throws<ArgumentException>("outputLength", () => Blake2b.Hash(0, null, data));
            Assert.Throws<ArgumentNullException>("data", () => Blake2b.Hash(32, null, null));
            Assert.Throws<ArgumentNullException>("output", () => Blake2b.Hash(null, 0, 32, null, data, 0, 0));
            Assert.Throws<ArgumentException>("output", () => Blake2b.Hash(new byte[32], 1, 32, null, data, 0, 0));
            Assert.Throws<ArgumentException>("data", () => Blake2b.Hash(new byte[32], 0, 32, null, data, 8, 3));
            var hash = new Blake2b(16, null);
            Assert.Throws<ArgumentNullException>("data", () => hash.Update(null, 0, 0));
            Assert.Throws<ArgumentException>("data", () => hash.Update(data, -1, 2));
            Assert.Throws<ArgumentException>("output", () => hash.Final(new byte[15], 0));
        }
    }
}
