// HMAC-SHA-256 (RFC 2104; FIPS 198-1; names and test cases as in RFC 4231).
// Tag 32 bytes; keys of any length, keys longer than the 64-byte block are hashed first (RFC 2104 §2).
// The HMAC itself is Hmac.cs, shared with HmacSha512; this file names the hash and keeps its
// chaining values. One instance allocates once; Update and Final allocate nothing.
using System;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental HMAC-SHA-256 under one key. Not thread-safe; reuse an instance after <see cref="Final"/>.</summary>
    public sealed class HmacSha256
    {
        /// <summary>Tag size in bytes (the SHA-256 digest size).</summary>
        public const int TagSize = Sha256.HashSize;

        private readonly Keyed _mac;

        /// <summary>Creates a MAC under <paramref name="key"/>, which may have any length (empty included).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public HmacSha256(byte[] key)
        {
            _mac = new Keyed(key);
        }

        /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="offset"/> and <paramref name="count"/> do not lie inside <paramref name="data"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            _mac.Update(data, offset, count);
        }

        /// <summary>
        /// Writes the <see cref="TagSize"/>-byte tag to <paramref name="output"/> at <paramref name="outputOffset"/>,
        /// then returns to the keyed start for a new message. Compare tags with
        /// <see cref="CryptoBytes.ConstantTimeEquals(byte[], int, byte[], int, int)"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentException">Fewer than <see cref="TagSize"/> bytes follow <paramref name="outputOffset"/>.</exception>
        public void Final(byte[] output, int outputOffset)
        {
            _mac.Final(output, outputOffset);
        }

        /// <summary>Returns the HMAC-SHA-256 tag of <paramref name="data"/> under <paramref name="key"/> in a new array.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="data"/> is null.</exception>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null(nameof(data));
            }
            return new Keyed(key).ComputeOnce(data);
        }

        /// <summary>Clears the key-derived states; the instance is unusable afterwards.</summary>
        internal void Wipe()
        {
            _mac.Wipe();
        }

        // The SHA-256 side of Hmac: the hash and its two saved chaining values.
        private sealed class Keyed : Hmac
        {
            private readonly Sha256 _hash = new Sha256();
            // Chaining values after the key block XOR ipad and XOR opad: as secret as the key.
            private readonly uint[] _inner = new uint[8];
            private readonly uint[] _outer = new uint[8];

            internal Keyed(byte[] key)
                : base(Sha256.BlockSize, TagSize)
            {
                SetKey(key);
            }

            internal override void Update(byte[] data, int offset, int count)
            {
                _hash.Update(data, offset, count);
            }

            internal override void Wipe()
            {
                Array.Clear(_inner, 0, _inner.Length);
                Array.Clear(_outer, 0, _outer.Length);
                _hash.Reset();
            }

            protected override void HashFinal(byte[] output, int outputOffset)
            {
                _hash.Final(output, outputOffset);
            }

            protected override void SaveState(bool outer)
            {
                _hash.GetState(outer ? _outer : _inner);
                _hash.Reset();
            }

            protected override void ResumeState(bool outer)
            {
                _hash.SetState(outer ? _outer : _inner, Sha256.BlockSize);
            }
        }
    }
}
