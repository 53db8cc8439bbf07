// SHA-512 (FIPS 180-4 §6.4, constants §4.2.3, padding §5.1.2, initial value §5.3.5).
// Digest 64 bytes, block 128 bytes; messages up to 2^64 - 1 bytes (the 128-bit length field's
// high half only ever carries the top three bits of the byte count).
// Used by Ed25519 (RFC 8032 §5.1) and HMAC-SHA-512. One instance allocates its state, schedule and
// block buffer once; Update and Final allocate nothing. Static table: 80 round constants, 640 bytes.
using System;
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental SHA-512. Not thread-safe; reuse an instance after <see cref="Final"/>.</summary>
    public sealed class Sha512
    {
        /// <summary>Digest size in bytes.</summary>
        public const int HashSize = 64;

        /// <summary>Compression block size in bytes.</summary>
        public const int BlockSize = 128;

        // FIPS 180-4 §4.2.3: the first 64 bits of the fractional parts of the cube roots of the first 80 primes.
        private static readonly ulong[] s_k =
        {
            0x428a2f98d728ae22UL, 0x7137449123ef65cdUL, 0xb5c0fbcfec4d3b2fUL, 0xe9b5dba58189dbbcUL,
            0x3956c25bf348b538UL, 0x59f111f1b605d019UL, 0x923f82a4af194f9bUL, 0xab1c5ed5da6d8118UL,
            0xd807aa98a3030242UL, 0x12835b0145706fbeUL, 0x243185be4ee4b28cUL, 0x550c7dc3d5ffb4e2UL,
            0x72be5d74f27b896fUL, 0x80deb1fe3b1696b1UL, 0x9bdc06a725c71235UL, 0xc19bf174cf692694UL,
            0xe49b69c19ef14ad2UL, 0xefbe4786384f25e3UL, 0x0fc19dc68b8cd5b5UL, 0x240ca1cc77ac9c65UL,
            0x2de92c6f592b0275UL, 0x4a7484aa6ea6e483UL, 0x5cb0a9dcbd41fbd4UL, 0x76f988da831153b5UL,
            0x983e5152ee66dfabUL, 0xa831c66d2db43210UL, 0xb00327c898fb213fUL, 0xbf597fc7beef0ee4UL,
            0xc6e00bf33da88fc2UL, 0xd5a79147930aa725UL, 0x06ca6351e003826fUL, 0x142929670a0e6e70UL,
            0x27b70a8546d22ffcUL, 0x2e1b21385c26c926UL, 0x4d2c6dfc5ac42aedUL, 0x53380d139d95b3dfUL,
            0x650a73548baf63deUL, 0x766a0abb3c77b2a8UL, 0x81c2c92e47edaee6UL, 0x92722c851482353bUL,
            0xa2bfe8a14cf10364UL, 0xa81a664bbc423001UL, 0xc24b8b70d0f89791UL, 0xc76c51a30654be30UL,
            0xd192e819d6ef5218UL, 0xd69906245565a910UL, 0xf40e35855771202aUL, 0x106aa07032bbd1b8UL,
            0x19a4c116b8d2d0c8UL, 0x1e376c085141ab53UL, 0x2748774cdf8eeb99UL, 0x34b0bcb5e19b48a8UL,
            0x391c0cb3c5c95a63UL, 0x4ed8aa4ae3418acbUL, 0x5b9cca4f7763e373UL, 0x682e6ff3d6b2b8a3UL,
            0x748f82ee5defb2fcUL, 0x78a5636f43172f60UL, 0x84c87814a1f0ab72UL, 0x8cc702081a6439ecUL,
            0x90befffa23631e28UL, 0xa4506cebde82bde9UL, 0xbef9a3f7b2c67915UL, 0xc67178f2e372532bUL,
            0xca273eceea26619cUL, 0xd186b8c721c0c207UL, 0xeada7dd6cde0eb1eUL, 0xf57d4f7fee6ed178UL,
            0x06f067aa72176fbaUL, 0x0a637dc5a2c898a6UL, 0x113f9804bef90daeUL, 0x1b710b35131c471bUL,
            0x28db77f523047d84UL, 0x32caab7b40c72493UL, 0x3c9ebe0a15c9bebcUL, 0x431d67c49c100d4cUL,
            0x4cc5d4becb3e42b6UL, 0x597f299cfc657e2aUL, 0x5fcb6fab3ad6faecUL, 0x6c44198c4a475817UL,
        };

        private readonly ulong[] _state = new ulong[8];
        // The full 80-word schedule rather than a 16-word ring: no index masking in the rounds, and the
        // extra 512 bytes per instance are cheaper than the interpreter's extra instructions.
        private readonly ulong[] _w = new ulong[80];
        private readonly byte[] _buffer = new byte[BlockSize];
        private int _bufferLength;
        private ulong _byteCount;

        /// <summary>Creates a hash ready for input.</summary>
        public Sha512()
        {
            Reset();
        }

        /// <summary>Discards any input so far and wipes the internal buffers.</summary>
        public void Reset()
        {
            _state[0] = 0x6a09e667f3bcc908UL;
            _state[1] = 0xbb67ae8584caa73bUL;
            _state[2] = 0x3c6ef372fe94f82bUL;
            _state[3] = 0xa54ff53a5f1d36f1UL;
            _state[4] = 0x510e527fade682d1UL;
            _state[5] = 0x9b05688c2b3e6c1fUL;
            _state[6] = 0x1f83d9abfb41bd6bUL;
            _state[7] = 0x5be0cd19137e2179UL;
            // The schedule and buffer held message (for HMAC: key-derived) data.
            Array.Clear(_w, 0, _w.Length);
            Array.Clear(_buffer, 0, BlockSize);
            _bufferLength = 0;
            _byteCount = 0;
        }

        /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="offset"/> and <paramref name="count"/> do not lie inside <paramref name="data"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw Errors.Null(nameof(data));
            }
            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw Errors.Slice(nameof(data));
            }
            if (count == 0)
            {
                return;
            }
            _byteCount += (ulong)count;
            if (_bufferLength > 0)
            {
                int take = BlockSize - _bufferLength;
                if (take > count)
                {
                    take = count;
                }
                Array.Copy(data, offset, _buffer, _bufferLength, take);
                _bufferLength += take;
                offset += take;
                count -= take;
                if (_bufferLength < BlockSize)
                {
                    return;
                }
                Compress(_buffer, 0);
                _bufferLength = 0;
            }
            // Whole blocks are compressed straight from the caller's array, without a copy.
            while (count >= BlockSize)
            {
                Compress(data, offset);
                offset += BlockSize;
                count -= BlockSize;
            }
            if (count > 0)
            {
                Array.Copy(data, offset, _buffer, 0, count);
                _bufferLength = count;
            }
        }

        /// <summary>
        /// Pads, writes the <see cref="HashSize"/>-byte digest to <paramref name="output"/> at
        /// <paramref name="outputOffset"/>, then resets the instance for a new message.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentException">Fewer than <see cref="HashSize"/> bytes follow <paramref name="outputOffset"/>.</exception>
        public void Final(byte[] output, int outputOffset)
        {
            if (output == null)
            {
                throw Errors.Null(nameof(output));
            }
            if (outputOffset < 0 || outputOffset > output.Length - HashSize)
            {
                throw Errors.Slice(nameof(output));
            }
            // §5.1.2: a one bit, zeros, then the message length in bits as a 128-bit big-endian number.
            ulong bitsHigh = _byteCount >> 61;
            ulong bitsLow = _byteCount << 3;
            _buffer[_bufferLength++] = 0x80;
            if (_bufferLength > BlockSize - 16)
            {
                Array.Clear(_buffer, _bufferLength, BlockSize - _bufferLength);
                Compress(_buffer, 0);
                _bufferLength = 0;
            }
            Array.Clear(_buffer, _bufferLength, BlockSize - 16 - _bufferLength);
            StoreBigEndian(_buffer, BlockSize - 16, bitsHigh);
            StoreBigEndian(_buffer, BlockSize - 8, bitsLow);
            Compress(_buffer, 0);
            for (int i = 0; i < 8; i++)
            {
                StoreBigEndian(output, outputOffset + 8 * i, _state[i]);
            }
            Reset();
        }

        /// <summary>Returns the SHA-512 digest of <paramref name="data"/> in a new array.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        public static byte[] Hash(byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null(nameof(data));
            }
            byte[] output = new byte[HashSize];
            Hash(output, 0, data, 0, data.Length);
            return output;
        }

        /// <summary>
        /// Writes the SHA-512 digest of <paramref name="count"/> bytes of <paramref name="data"/> from
        /// <paramref name="offset"/> to <paramref name="output"/> at <paramref name="outputOffset"/>.
        /// Allocates one instance; callers hashing often should keep a <see cref="Sha512"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException">The output or input range does not lie inside its array.</exception>
        public static void Hash(byte[] output, int outputOffset, byte[] data, int offset, int count)
        {
            if (output == null)
            {
                throw Errors.Null(nameof(output));
            }
            if (outputOffset < 0 || outputOffset > output.Length - HashSize)
            {
                throw Errors.Slice(nameof(output));
            }
            Sha512 hash = new Sha512();
            hash.Update(data, offset, count);
            hash.Final(output, outputOffset);
        }

        /// <summary>Copies the chaining value out; only valid on a block boundary (HMAC saves its padded-key states).</summary>
        internal void GetState(ulong[] state)
        {
            Debug.Assert(_bufferLength == 0, "state is only meaningful on a block boundary");
            Array.Copy(_state, 0, state, 0, 8);
        }

        /// <summary>Resumes from a chaining value saved by <see cref="GetState"/> after <paramref name="byteCount"/> bytes.</summary>
        internal void SetState(ulong[] state, ulong byteCount)
        {
            Debug.Assert(byteCount % BlockSize == 0, "state is only meaningful on a block boundary");
            Array.Copy(state, 0, _state, 0, 8);
            _bufferLength = 0;
            _byteCount = byteCount;
        }

        private static void StoreBigEndian(byte[] output, int offset, ulong value)
        {
            uint high = (uint)(value >> 32);
            uint low = (uint)value;
            output[offset] = (byte)(high >> 24);
            output[offset + 1] = (byte)(high >> 16);
            output[offset + 2] = (byte)(high >> 8);
            output[offset + 3] = (byte)high;
            output[offset + 4] = (byte)(low >> 24);
            output[offset + 5] = (byte)(low >> 16);
            output[offset + 6] = (byte)(low >> 8);
            output[offset + 7] = (byte)low;
        }

        // §6.4.2. The eight rounds of each loop pass are written out with the working variables
        // renamed instead of shifted, which saves seven moves per round on the interpreter; the
        // rotations are inlined because a method call costs about a dozen arithmetic instructions.
        private void Compress(byte[] block, int offset)
        {
            ulong[] w = _w;
            ulong[] k = s_k;
            for (int t = 0; t < 16; t++)
            {
                int o = offset + 8 * t;
                // Two 32-bit halves: the device is a 32-bit core, where 64-bit shifts cost more.
                uint high = (uint)block[o] << 24 | (uint)block[o + 1] << 16 | (uint)block[o + 2] << 8 | block[o + 3];
                uint low = (uint)block[o + 4] << 24 | (uint)block[o + 5] << 16 | (uint)block[o + 6] << 8 | block[o + 7];
                w[t] = (ulong)high << 32 | low;
            }
            for (int t = 16; t < 80; t++)
            {
                ulong x = w[t - 2];
                ulong y = w[t - 15];
                w[t] = ((x >> 19 | x << 45) ^ (x >> 61 | x << 3) ^ (x >> 6))
                    + w[t - 7]
                    + ((y >> 1 | y << 63) ^ (y >> 8 | y << 56) ^ (y >> 7))
                    + w[t - 16];
            }

            ulong a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            ulong e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int t = 0; t < 80; t += 8)
            {
                h += (((e >> 14) | (e << 50)) ^ ((e >> 18) | (e << 46)) ^ ((e >> 41) | (e << 23))) + (g ^ (e & (f ^ g))) + k[t] + w[t];
                d += h;
                h += (((a >> 28) | (a << 36)) ^ ((a >> 34) | (a << 30)) ^ ((a >> 39) | (a << 25))) + ((a & b) | (c & (a | b)));
                g += (((d >> 14) | (d << 50)) ^ ((d >> 18) | (d << 46)) ^ ((d >> 41) | (d << 23))) + (f ^ (d & (e ^ f))) + k[t + 1] + w[t + 1];
                c += g;
                g += (((h >> 28) | (h << 36)) ^ ((h >> 34) | (h << 30)) ^ ((h >> 39) | (h << 25))) + ((h & a) | (b & (h | a)));
                f += (((c >> 14) | (c << 50)) ^ ((c >> 18) | (c << 46)) ^ ((c >> 41) | (c << 23))) + (e ^ (c & (d ^ e))) + k[t + 2] + w[t + 2];
                b += f;
                f += (((g >> 28) | (g << 36)) ^ ((g >> 34) | (g << 30)) ^ ((g >> 39) | (g << 25))) + ((g & h) | (a & (g | h)));
                e += (((b >> 14) | (b << 50)) ^ ((b >> 18) | (b << 46)) ^ ((b >> 41) | (b << 23))) + (d ^ (b & (c ^ d))) + k[t + 3] + w[t + 3];
                a += e;
                e += (((f >> 28) | (f << 36)) ^ ((f >> 34) | (f << 30)) ^ ((f >> 39) | (f << 25))) + ((f & g) | (h & (f | g)));
                d += (((a >> 14) | (a << 50)) ^ ((a >> 18) | (a << 46)) ^ ((a >> 41) | (a << 23))) + (c ^ (a & (b ^ c))) + k[t + 4] + w[t + 4];
                h += d;
                d += (((e >> 28) | (e << 36)) ^ ((e >> 34) | (e << 30)) ^ ((e >> 39) | (e << 25))) + ((e & f) | (g & (e | f)));
                c += (((h >> 14) | (h << 50)) ^ ((h >> 18) | (h << 46)) ^ ((h >> 41) | (h << 23))) + (b ^ (h & (a ^ b))) + k[t + 5] + w[t + 5];
                g += c;
                c += (((d >> 28) | (d << 36)) ^ ((d >> 34) | (d << 30)) ^ ((d >> 39) | (d << 25))) + ((d & e) | (f & (d | e)));
                b += (((g >> 14) | (g << 50)) ^ ((g >> 18) | (g << 46)) ^ ((g >> 41) | (g << 23))) + (a ^ (g & (h ^ a))) + k[t + 6] + w[t + 6];
                f += b;
                b += (((c >> 28) | (c << 36)) ^ ((c >> 34) | (c << 30)) ^ ((c >> 39) | (c << 25))) + ((c & d) | (e & (c | d)));
                a += (((f >> 14) | (f << 50)) ^ ((f >> 18) | (f << 46)) ^ ((f >> 41) | (f << 23))) + (h ^ (f & (g ^ h))) + k[t + 7] + w[t + 7];
                e += a;
                a += (((b >> 28) | (b << 36)) ^ ((b >> 34) | (b << 30)) ^ ((b >> 39) | (b << 25))) + ((b & c) | (d & (b | c)));
            }
            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
            _state[5] += f;
            _state[6] += g;
            _state[7] += h;
        }
    }
}
