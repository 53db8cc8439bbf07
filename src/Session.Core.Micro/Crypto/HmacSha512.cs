// HMAC-SHA-512 (RFC 2104; FIPS 198-1; names and test cases as in RFC 4231).
// Tag 64 bytes; keys of any length, keys longer than the 128-byte block are hashed first (RFC 2104 §2).
// The constructor runs the two padded-key blocks once and keeps only the chaining values after
// them, so each tag costs two compressions less than the textbook form and the key itself is not
// kept. One instance allocates once; Update and Final allocate nothing.
using System;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental HMAC-SHA-512 under one key. Not thread-safe; reuse an instance after <see cref="Final"/>.</summary>
    public sealed class HmacSha512
    {
        /// <summary>Tag size in bytes (the SHA-512 digest size).</summary>
        public const int TagSize = Sha512.HashSize;

        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5c;

        private readonly Sha512 _hash = new Sha512();
        // Chaining values after the key block XOR ipad and XOR opad: as secret as the key.
        private readonly ulong[] _inner = new ulong[8];
        private readonly ulong[] _outer = new ulong[8];
        private readonly byte[] _innerDigest = new byte[TagSize];

        /// <summary>Creates a MAC under <paramref name="key"/>, which may have any length (empty included).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public HmacSha512(byte[] key)
        {
            if (key == null)
            {
                throw Errors.Null(nameof(key));
            }
            byte[] block = new byte[Sha512.BlockSize];
            try
            {
                if (key.Length > Sha512.BlockSize)
                {
                    _hash.Update(key, 0, key.Length);
                    _hash.Final(block, 0);
                }
                else
                {
                    Array.Copy(key, 0, block, 0, key.Length);
                }
                for (int i = 0; i < Sha512.BlockSize; i++)
                {
                    block[i] ^= InnerPad;
                }
                _hash.Update(block, 0, Sha512.BlockSize);
                _hash.GetState(_inner);
                _hash.Reset();
                for (int i = 0; i < Sha512.BlockSize; i++)
                {
                    block[i] ^= InnerPad ^ OuterPad;
                }
                _hash.Update(block, 0, Sha512.BlockSize);
                _hash.GetState(_outer);
                // Reset wipes the schedule that still holds the padded key.
                _hash.Reset();
                _hash.SetState(_inner, Sha512.BlockSize);
            }
            finally
            {
                CryptoBytes.Wipe(block);
            }
        }

        /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="offset"/> and <paramref name="count"/> do not lie inside <paramref name="data"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            _hash.Update(data, offset, count);
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
            if (output == null)
            {
                throw Errors.Null(nameof(output));
            }
            if (outputOffset < 0 || outputOffset > output.Length - TagSize)
            {
                throw Errors.Slice(nameof(output));
            }
            _hash.Final(_innerDigest, 0);
            _hash.SetState(_outer, Sha512.BlockSize);
            _hash.Update(_innerDigest, 0, TagSize);
            _hash.Final(output, outputOffset);
            _hash.SetState(_inner, Sha512.BlockSize);
            CryptoBytes.Wipe(_innerDigest);
        }

        /// <summary>Returns the HMAC-SHA-512 tag of <paramref name="data"/> under <paramref name="key"/> in a new array.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="data"/> is null.</exception>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null(nameof(data));
            }
            HmacSha512 mac = new HmacSha512(key);
            byte[] tag = new byte[TagSize];
            mac.Update(data, 0, data.Length);
            mac.Final(tag, 0);
            mac.Wipe();
            return tag;
        }

        /// <summary>Clears the key-derived states; the instance is unusable afterwards.</summary>
        internal void Wipe()
        {
            Array.Clear(_inner, 0, _inner.Length);
            Array.Clear(_outer, 0, _outer.Length);
            _hash.Reset();
        }
    }
}
