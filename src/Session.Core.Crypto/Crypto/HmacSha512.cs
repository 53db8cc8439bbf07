// HMAC-SHA-512 (RFC 2104; FIPS 198-1; names and test cases as in RFC 4231).
// Tag 64 bytes; keys of any length, keys longer than the 128-byte block are hashed first (RFC 2104 §2).
// The HMAC itself is Hmac.cs, shared with HmacSha256; this file names the hash and keeps its
// chaining values. One instance allocates once; Update and Final allocate nothing.
using System;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental HMAC-SHA-512 under one key. Not thread-safe; reuse an instance after <see cref="Hmac.Final"/>.</summary>
    public sealed class HmacSha512 : Hmac
    {
        /// <summary>Tag size in bytes (the SHA-512 digest size).</summary>
        public const int TagSize = Sha512.HashSize;

        private readonly Sha512 _hash = new Sha512();
        // Chaining values after the key block XOR ipad and XOR opad: as secret as the key.
        private readonly ulong[] _inner = new ulong[8];
        private readonly ulong[] _outer = new ulong[8];

        /// <summary>Creates a MAC under <paramref name="key"/>, which may have any length (empty included).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public HmacSha512(byte[] key)
            : base(Sha512.BlockSize, TagSize)
        {
            SetKey(key);
        }

        /// <summary>Returns the HMAC-SHA-512 tag of <paramref name="data"/> under <paramref name="key"/> in a new array.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="data"/> is null.</exception>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            return new HmacSha512(key).ComputeOnce(data);
        }

        /// <inheritdoc/>
        public override void Wipe()
        {
            Array.Clear(_inner, 0, _inner.Length);
            Array.Clear(_outer, 0, _outer.Length);
            _hash.Reset();
        }

        private protected override void HashUpdate(byte[] data, int offset, int count)
        {
            _hash.Update(data, offset, count);
        }

        private protected override void HashFinal(byte[] output, int outputOffset)
        {
            _hash.Final(output, outputOffset);
        }

        private protected override void SaveState(bool outer)
        {
            _hash.GetState(outer ? _outer : _inner);
            _hash.Reset();
        }

        private protected override void ResumeState(bool outer)
        {
            _hash.SetState(outer ? _outer : _inner, Sha512.BlockSize);
        }
    }
}
