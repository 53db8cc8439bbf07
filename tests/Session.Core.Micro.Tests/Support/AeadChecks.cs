using System;
using System.Text.Json;
using Xunit;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>One AEAD as the shared checks (and Crypto/AeadContractTests) see it: sizes, vectors, public and slice entry points.</summary>
    public sealed class AeadUnderTest
    {
        /// <summary>The specification's vector file, whose "aead" array holds SpecVectorCount cases.</summary>
        public string SpecVectorFile { get; init; }
        public int SpecVectorCount { get; init; }

        /// <summary>The Wycheproof AeadTest file and its number of cases.</summary>
        public string WycheproofFile { get; init; }
        public int WycheproofCount { get; init; }

        public int KeySize { get; init; }
        public int NonceSize { get; init; }
        public int TagSize { get; init; }

        /// <summary>(output, key, nonce, associatedData, plaintext)</summary>
        public Action<byte[], byte[], byte[], byte[], byte[]> Encrypt { get; init; }

        /// <summary>(output, key, nonce, associatedData, ciphertextAndTag) → tag ok</summary>
        public Func<byte[], byte[], byte[], byte[], byte[], bool> Decrypt { get; init; }

        /// <summary>(output, outputOffset, key, nonce, associatedData, plaintext, plaintextOffset, count)</summary>
        public Action<byte[], int, byte[], byte[], byte[], byte[], int, int> EncryptSlice { get; init; }

        /// <summary>(output, outputOffset, key, nonce, associatedData, ciphertextAndTag, offset, count) → tag ok</summary>
        public Func<byte[], int, byte[], byte[], byte[], byte[], int, int, bool> DecryptSlice { get; init; }
    }

    /// <summary>Checks every AEAD shares: Wycheproof files, bit-flip rejection and in-place operation.</summary>
    public static class AeadChecks
    {
        private const byte Untouched = 0xa5;

        /// <summary>Runs every test of every group in a Wycheproof AeadTest file; returns the number run.</summary>
        public static int RunWycheproof(AeadUnderTest aead, string file)
        {
            JsonElement root = TestVectors.Json(file);
            int ran = 0;
            foreach (JsonElement group in root.GetProperty("testGroups").EnumerateArray())
            {
                Assert.Equal(aead.KeySize * 8, group.GetProperty("keySize").GetInt32());
                Assert.Equal(aead.TagSize * 8, group.GetProperty("tagSize").GetInt32());
                foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                {
                    RunWycheproofCase(aead, test, group.GetProperty("ivSize").GetInt32());
                    ran++;
                }
            }
            Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), ran);
            return ran;
        }

        private static void RunWycheproofCase(AeadUnderTest aead, JsonElement test, int ivBits)
        {
            string id = "tcId " + test.GetProperty("tcId").GetInt32();
            byte[] key = test.Bytes("key");
            byte[] nonce = test.Bytes("iv");
            byte[] ad = test.Bytes("aad");
            byte[] message = test.Bytes("msg");
            byte[] sealedBytes = Concat(test.Bytes("ct"), test.Bytes("tag"));
            Assert.Equal(ivBits, nonce.Length * 8);

            if (nonce.Length != aead.NonceSize)
            {
                // A nonce of another size is misuse, refused by both directions.
                Assert.Equal("invalid", test.Text("result"));
                Assert.Throws<ArgumentException>(() => aead.Encrypt(new byte[message.Length + aead.TagSize], key, nonce, ad, message));
                Assert.Throws<ArgumentException>(() => aead.Decrypt(new byte[Math.Max(0, sealedBytes.Length - aead.TagSize)], key, nonce, ad, sealedBytes));
                return;
            }

            byte[] opened = Filled(Math.Max(0, sealedBytes.Length - aead.TagSize));
            bool ok = aead.Decrypt(opened, key, nonce, ad, sealedBytes);
            if (test.Text("result") == "valid")
            {
                Assert.True(ok, id);
                Assert.Equal(message, opened);
                byte[] output = new byte[message.Length + aead.TagSize];
                aead.Encrypt(output, key, nonce, ad, message);
                Assert.Equal(sealedBytes, output);
            }
            else
            {
                Assert.False(ok, id);
                Assert.Equal(Filled(opened.Length), opened);
            }
        }

        /// <summary>
        /// A message sealed under (key, nonce, ad) must not open when any one bit of key, nonce, associated data,
        /// ciphertext or tag changes: every bit for short inputs, random positions for long ones.
        /// </summary>
        public static int FlippedBitsAreRejected(AeadUnderTest aead, SeededRandom random, int length, int adLength)
        {
            byte[] key = random.Bytes(aead.KeySize);
            byte[] nonce = random.Bytes(aead.NonceSize);
            byte[] ad = random.Bytes(adLength);
            byte[] message = random.Bytes(length);
            byte[] sealedBytes = new byte[length + aead.TagSize];
            aead.Encrypt(sealedBytes, key, nonce, ad, message);
            byte[] opened = new byte[length];
            Assert.True(aead.Decrypt(opened, key, nonce, ad, sealedBytes));
            Assert.Equal(message, opened);

            int tried = 0;
            foreach (int bit in Bits.Positions(key.Length, random))
            {
                ExpectRejected(aead, Bits.Flip(key, bit), nonce, ad, sealedBytes);
                tried++;
            }
            foreach (int bit in Bits.Positions(nonce.Length, random))
            {
                ExpectRejected(aead, key, Bits.Flip(nonce, bit), ad, sealedBytes);
                tried++;
            }
            foreach (int bit in Bits.Positions(ad.Length, random))
            {
                ExpectRejected(aead, key, nonce, Bits.Flip(ad, bit), sealedBytes);
                tried++;
            }
            // Ciphertext and tag: bits below length * 8 are ciphertext, the rest the tag.
            foreach (int bit in Bits.Positions(length, random))
            {
                ExpectRejected(aead, key, nonce, ad, Bits.Flip(sealedBytes, bit));
                tried++;
            }
            foreach (int bit in Bits.Positions(aead.TagSize, random))
            {
                ExpectRejected(aead, key, nonce, ad, Bits.Flip(sealedBytes, length * 8 + bit));
                tried++;
            }
            return tried;
        }

        /// <summary>The slice entry points in place (output over the input at the same offset) equal the array ones.</summary>
        public static void InPlaceEqualsOutOfPlace(AeadUnderTest aead, SeededRandom random, int length)
        {
            const int offset = 3;
            byte[] key = random.Bytes(aead.KeySize);
            byte[] nonce = random.Bytes(aead.NonceSize);
            byte[] ad = random.Bytes(random.Next(40));
            byte[] message = random.Bytes(length);
            byte[] expected = new byte[length + aead.TagSize];
            aead.Encrypt(expected, key, nonce, ad, message);

            byte[] buffer = new byte[offset + length + aead.TagSize];
            Array.Copy(message, 0, buffer, offset, length);
            aead.EncryptSlice(buffer, offset, key, nonce, ad, buffer, offset, length);
            Assert.Equal(expected, buffer.AsSpan(offset).ToArray());

            Assert.True(aead.DecryptSlice(buffer, offset, key, nonce, ad, buffer, offset, length + aead.TagSize));
            Assert.Equal(message, buffer.AsSpan(offset, length).ToArray());
        }

        public static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] result = new byte[a.Length + b.Length];
            a.CopyTo(result, 0);
            b.CopyTo(result, a.Length);
            return result;
        }

        private static void ExpectRejected(AeadUnderTest aead, byte[] key, byte[] nonce, byte[] ad, byte[] sealedBytes)
        {
            byte[] opened = Filled(sealedBytes.Length - aead.TagSize);
            Assert.False(aead.Decrypt(opened, key, nonce, ad, sealedBytes));
            // Nothing is released on failure.
            Assert.Equal(Filled(opened.Length), opened);
        }

        private static byte[] Filled(int length)
        {
            byte[] bytes = new byte[length];
            bytes.AsSpan().Fill(Untouched);
            return bytes;
        }
    }
}
