// HMAC-SHA-512 (RFC 2104; FIPS 198-1; names and test cases as in RFC 4231).
// Tag 64 bytes; keys of any length, keys longer than the 128-byte block are hashed first (RFC 2104 §2).
// The HMAC itself is Hmac.cs, shared with HmacSha256; this file names the hash and keeps its
// chaining values. One instance allocates once; Update and Final allocate nothing.
using System;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental HMAC-SHA-512 under one key. Not thread-safe; reuse an instance after <see cref="Final"/>.</summary>
    public sealed class HmacSha512
    {
        /// <summary>Tag size in bytes (the SHA-512 digest size).</summary>
        public const int TagSize = Sha512.HashSize;

        private readonly Keyed _mac;

        /// <summary>Creates a MAC under <paramref name="key"/>, which may have any length (empty included).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public HmacSha512(byte[] key)
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

        /// <summary>Returns the HMAC-SHA-512 tag of <paramref name="data"/> under <paramref name="key"/> in a new array.</summary>
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

        // The SHA-512 side of Hmac: the hash and its two saved chaining values.
        private sealed class Keyed : Hmac
        {
            private readonly Sha512 _hash = new Sha512();
            // Chaining values after the key block XOR ipad and XOR opad: as secret as the key.
            private readonly ulong[] _inner = new ulong[8];
            private readonly ulong[] _outer = new ulong[8];

            internal Keyed(byte[] key)
                : base(Sha512.BlockSize, TagSize)
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
                _hash.SetState(outer ? _outer : _inner, Sha512.BlockSize);
            }
        }
    }
}
