// HMAC-SHA-256 (RFC 2104; FIPS 198-1; names and test cases as in RFC 4231).
// Tag 32 bytes; keys of any length, keys longer than the 64-byte block are hashed first (RFC 2104 §2).
// The HMAC itself is Hmac.cs, shared with HmacSha512; this file names the hash and keeps its
// chaining values. One instance allocates once; Update and Final allocate nothing.
using System;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental HMAC-SHA-256 under one key. Not thread-safe; reuse an instance after <see cref="Hmac.Final"/>.</summary>
    public sealed class HmacSha256 : Hmac
    {
        /// <summary>Tag size in bytes (the SHA-256 digest size).</summary>
        public const int TagSize = Sha256.HashSize;

        private readonly Sha256 _hash = new Sha256();
        // Chaining values after the key block XOR ipad and XOR opad: as secret as the key.
        private readonly uint[] _inner = new uint[8];
        private readonly uint[] _outer = new uint[8];

        /// <summary>Creates a MAC under <paramref name="key"/>, which may have any length (empty included).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public HmacSha256(byte[] key)
            : base(Sha256.BlockSize, TagSize)
        {
            SetKey(key);
        }

        /// <summary>Returns the HMAC-SHA-256 tag of <paramref name="data"/> under <paramref name="key"/> in a new array.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="data"/> is null.</exception>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            return new HmacSha256(key).ComputeOnce(data);
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
            _hash.SetState(outer ? _outer : _inner, Sha256.BlockSize);
        }
    }
}
