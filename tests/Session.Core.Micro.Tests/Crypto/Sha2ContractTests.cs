using System;
using System.Collections.Generic;
using Org.BouncyCastle.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>
    /// The tests every SHA-2 hash passes (NIST SHAVS vectors, references, incremental use, misuse), run once
    /// per hash by Sha256Tests and Sha512Tests, so each result carries the hash's class name.
    /// </summary>
    public abstract class Sha2ContractTests
    {
        private readonly ITestOutputHelper _output;
        private readonly HashUnderTest _hash;

        protected Sha2ContractTests(ITestOutputHelper output, HashUnderTest hash)
        {
            _output = output;
            _hash = hash;
        }

        [Theory]
        [InlineData("ShortMsg")]
        [InlineData("LongMsg")]
        public void Hash_ShavsMessages_MatchDigest(string kind)
        {
            List<ShavsMessage> records = Shavs.Messages("nist-shavs/" + _hash.Name + kind + ".rsp");
            int run = 0;
            foreach (ShavsMessage record in records)
            {
                Assert.Equal(_hash.HashSize, record.Digest.Length);
                Assert.Equal(record.Digest, _hash.Hash(record.Message));
                run++;
            }
            Assert.Equal(kind == "ShortMsg" ? _hash.ShortMsgCases : _hash.LongMsgCases, run);
        }

        [Fact]
        public void Hash_ShavsMonteCarlo_MatchesAllCheckpoints()
        {
            var checkpoints = new List<byte[]>();
            byte[] seed = Shavs.Monte("nist-shavs/" + _hash.Name + "Monte.rsp", checkpoints);
            HashInstance hash = _hash.Create();
            // MD[i] = SHA(MD[i-3] || MD[i-2] || MD[i-1]), kept in a ring of three.
            var md = new byte[3][];
            int run = 0;
            foreach (byte[] expected in checkpoints)
            {
                md[0] = (byte[])seed.Clone();
                md[1] = (byte[])seed.Clone();
                md[2] = (byte[])seed.Clone();
                byte[] next = new byte[_hash.HashSize];
                for (int i = 3; i < 1003; i++)
                {
                    hash.Update(md[i % 3], 0, _hash.HashSize);
                    hash.Update(md[(i + 1) % 3], 0, _hash.HashSize);
                    hash.Update(md[(i + 2) % 3], 0, _hash.HashSize);
                    hash.Final(next, 0);
                    byte[] oldest = md[i % 3];
                    md[i % 3] = next;
                    next = oldest;
                }
                seed = md[1002 % 3];
                Assert.Equal(expected, seed);
                run++;
            }
            Assert.Equal(100, run);
        }

        [Fact]
        public void Hash_RandomInputs_MatchesBouncyCastleAndLibsodium()
        {
            var random = new SeededRandom(_output, GetType().Name + "." + nameof(Hash_RandomInputs_MatchesBouncyCastleAndLibsodium));
            IDigest reference = _hash.BouncyCastle();
            var expected = new byte[_hash.HashSize];
            int run = 0;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] data = random.Bytes(random.LengthFor(i));
                reference.BlockUpdate(data, 0, data.Length);
                reference.DoFinal(expected, 0);

                Assert.Equal(expected, _hash.Hash(data));
                Assert.Equal(expected, _hash.Libsodium(data));

                // The slice overload, with the message and digest at offsets inside larger arrays.
                int before = random.Next(9);
                byte[] padded = new byte[before + data.Length + random.Next(9)];
                Array.Copy(data, 0, padded, before, data.Length);
                byte[] output = new byte[_hash.HashSize + 7];
                _hash.HashSlice(output, 7, padded, before, data.Length);
                Assert.Equal(expected, output.AsSpan(7).ToArray());
                run++;
            }
            Assert.Equal(SeededRandom.Iterations, run);
        }

        [Fact]
        public void Update_RandomPieces_EqualsOneCall()
        {
            var random = new SeededRandom(_output, GetType().Name + "." + nameof(Update_RandomPieces_EqualsOneCall));
            HashInstance hash = _hash.Create();
            var digest = new byte[_hash.HashSize];
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] data = random.Bytes(random.LengthFor(i));
                int position = 0;
                while (position < data.Length)
                {
                    // Mostly short pieces, sometimes empty ones or long runs, to cross block edges every way.
                    int piece = random.Next(4) == 0 ? random.Next(3 * _hash.BlockSize) : random.Next(20);
                    piece = Math.Min(piece, data.Length - position);
                    hash.Update(data, position, piece);
                    position += piece;
                }
                hash.Final(digest, 0);
                Assert.Equal(_hash.Hash(data), digest);
            }
        }

        [Fact]
        public void Final_Called_ResetsForNextMessage()
        {
            byte[] first = Convert.FromHexString("616263");
            HashInstance hash = _hash.Create();
            var digest = new byte[_hash.HashSize];
            hash.Update(first, 0, first.Length);
            hash.Final(digest, 0);
            hash.Final(digest, 0);
            Assert.Equal(_hash.Hash(Array.Empty<byte>()), digest);
        }

        [Fact]
        public void Reset_AfterInput_DiscardsIt()
        {
            byte[] data = new byte[300];
            HashInstance hash = _hash.Create();
            var digest = new byte[_hash.HashSize];
            hash.Update(data, 0, data.Length);
            hash.Reset();
            hash.Update(data, 0, 5);
            hash.Final(digest, 0);
            Assert.Equal(_hash.Hash(new byte[5]), digest);
        }

        [Fact]
        public void UpdateFinal_AfterConstruction_AllocateNothing()
        {
            HashInstance hash = _hash.Create();
            byte[] data = new byte[3 * _hash.BlockSize + 5];
            byte[] digest = new byte[_hash.HashSize];
            hash.Update(data, 0, data.Length);
            hash.Final(digest, 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                hash.Update(data, 0, 7);
                hash.Update(data, 7, data.Length - 7);
                hash.Final(digest, 0);
            }
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }

        [Fact]
        public void Arguments_Misused_Throw()
        {
            HashInstance hash = _hash.Create();
            var data = new byte[10];
            Assert.Throws<ArgumentNullException>("data", () => hash.Update(null, 0, 0));
            Assert.Throws<ArgumentException>("data", () => hash.Update(data, -1, 1));
            Assert.Throws<ArgumentException>("data", () => hash.Update(data, 0, -1));
            Assert.Throws<ArgumentException>("data", () => hash.Update(data, 5, 6));
            Assert.Throws<ArgumentNullException>("output", () => hash.Final(null, 0));
            Assert.Throws<ArgumentException>("output", () => hash.Final(new byte[_hash.HashSize], 1));
            Assert.Throws<ArgumentNullException>("data", () => _hash.Hash(null));
            Assert.Throws<ArgumentException>("output", () => _hash.HashSlice(new byte[_hash.HashSize - 1], 0, data, 0, 0));
        }
    }
}
