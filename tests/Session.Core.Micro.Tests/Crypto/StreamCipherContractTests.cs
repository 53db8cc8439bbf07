using System;
using System.Linq;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>
    /// The tests every stream cipher passes (pieces with their own counters, in place, the counter limit, misuse),
    /// run once per cipher by ChaCha20Tests, XChaCha20Tests, Salsa20Tests and XSalsa20Tests, so each result carries
    /// the cipher's class name. Vectors and references differ per cipher and stay in those classes.
    /// </summary>
    public abstract class StreamCipherContractTests
    {
        private readonly StreamUnderTest _stream;

        protected StreamCipherContractTests(ITestOutputHelper output, StreamUnderTest stream)
        {
            Output = output;
            _stream = stream;
        }

        protected ITestOutputHelper Output { get; }

        // Pieces of one to three blocks, each started at its own counter, equal one call, and so does the call in
        // place; from 0 and from a start where the counter carries (past 2^32 for a 64-bit one).
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Xor_PiecesWithCountersAndInPlace_EqualOneCall(bool highStart)
        {
            var random = new SeededRandom(Output, nameof(Xor_PiecesWithCountersAndInPlace_EqualOneCall));
            ulong start = highStart ? _stream.HighStart : 0;
            for (int i = 0; i < 100; i++)
            {
                byte[] key = random.Bytes(_stream.KeySize);
                byte[] nonce = random.Bytes(_stream.NonceSize);
                byte[] input = random.Bytes(random.LengthFor(i));
                byte[] whole = new byte[input.Length];
                _stream.Xor(whole, 0, key, nonce, start, input, 0, input.Length);

                byte[] pieces = new byte[input.Length];
                int done = 0;
                while (done < input.Length)
                {
                    int n = Math.Min(input.Length - done, 64 * (1 + random.Next(3)));
                    _stream.Xor(pieces, done, key, nonce, start + (ulong)(done / 64), input, done, n);
                    done += n;
                }
                Assert.Equal(whole, pieces);

                _stream.Xor(input, 0, key, nonce, start, input, 0, input.Length);
                Assert.Equal(whole, input);
            }
        }

        // In place at an offset inside a larger buffer equals out of place, for every edge length.
        [Fact]
        public void Xor_InPlace_EqualsOutOfPlace()
        {
            var random = new SeededRandom(Output, nameof(Xor_InPlace_EqualsOutOfPlace));
            foreach (int length in SeededRandom.EdgeLengths)
            {
                byte[] key = random.Bytes(_stream.KeySize);
                byte[] nonce = random.Bytes(_stream.NonceSize);
                byte[] buffer = random.Bytes(length + 5);
                byte[] expected = new byte[length];
                _stream.Xor(expected, 0, key, nonce, 7, buffer, 5, length);
                _stream.Xor(buffer, 5, key, nonce, 7, buffer, 5, length);
                Assert.Equal(expected, buffer.AsSpan(5).ToArray());
            }
        }

        // The last block (2^32 - 1 or 2^64 - 1) may be used; one byte more needs the block after it.
        [Fact]
        public void Xor_CounterWouldWrap_Throws()
        {
            byte[] key = new byte[_stream.KeySize];
            byte[] nonce = new byte[_stream.NonceSize];
            byte[] data = new byte[129];
            _stream.Xor(data, 0, key, nonce, _stream.LastBlock, data, 0, 64);
            Assert.Throws<ArgumentException>(() => _stream.Xor(data, 0, key, nonce, _stream.LastBlock, data, 0, 65));
            Assert.Throws<ArgumentException>(() => _stream.Xor(data, 0, key, nonce, _stream.LastBlock - 1, data, 0, 129));
        }

        [Fact]
        public void Xor_BadArguments_Throw()
        {
            byte[] key = new byte[_stream.KeySize];
            byte[] nonce = new byte[_stream.NonceSize];
            byte[] data = new byte[10];
            Assert.Throws<ArgumentException>(() => _stream.Xor(data, 0, new byte[_stream.KeySize - 1], nonce, 0, data, 0, 10));
            Assert.Throws<ArgumentException>(() => _stream.Xor(data, 0, new byte[_stream.KeySize / 2], nonce, 0, data, 0, 10));
            // The nonce sizes of the other ciphers of both families.
            foreach (int size in new[] { 8, 12, 24 }.Where(size => size != _stream.NonceSize))
            {
                Assert.Throws<ArgumentException>(() => _stream.Xor(data, 0, key, new byte[size], 0, data, 0, 10));
            }
            Assert.Throws<ArgumentException>(() => _stream.Xor(data, 1, key, nonce, 0, data, 0, 10));
            Assert.Throws<ArgumentException>(() => _stream.Xor(data, 0, key, nonce, 0, data, 1, 10));
            Assert.Throws<ArgumentException>(() => _stream.Xor(data, 0, key, nonce, 0, data, -1, 5));
            Assert.Throws<ArgumentException>(() => _stream.Xor(data, 0, key, nonce, 0, data, 0, -1));
            Assert.Throws<ArgumentNullException>(() => _stream.Xor(null, 0, key, nonce, 0, data, 0, 0));
            Assert.Throws<ArgumentNullException>(() => _stream.Xor(data, 0, null, nonce, 0, data, 0, 0));
            Assert.Throws<ArgumentNullException>(() => _stream.Xor(data, 0, key, null, 0, data, 0, 10));
            Assert.Throws<ArgumentNullException>(() => _stream.Xor(data, 0, key, nonce, 0, null, 0, 0));
        }
    }
}
