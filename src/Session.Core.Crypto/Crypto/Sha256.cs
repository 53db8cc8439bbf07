// SHA-256 (FIPS 180-4 §6.2, constants §4.2.2, padding §5.1.1, initial value §5.3.3).
// Digest 32 bytes, block 64 bytes; messages up to 2^61 - 1 bytes (the bit length must fit 64 bits).
// Used by HMAC-SHA-256 and HKDF. One instance allocates its state, schedule and block buffer once;
// Update and Final allocate nothing. Static table: 64 round constants, 256 bytes.
using System;
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental SHA-256. Not thread-safe; reuse an instance after <see cref="Final"/>.</summary>
    public sealed class Sha256
    {
        /// <summary>Digest size in bytes.</summary>
        public const int HashSize = 32;

        /// <summary>Compression block size in bytes.</summary>
        public const int BlockSize = 64;

        // FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] s_k =
        {
            0x428a2f98U, 0x71374491U, 0xb5c0fbcfU, 0xe9b5dba5U, 0x3956c25bU, 0x59f111f1U, 0x923f82a4U, 0xab1c5ed5U,
            0xd807aa98U, 0x12835b01U, 0x243185beU, 0x550c7dc3U, 0x72be5d74U, 0x80deb1feU, 0x9bdc06a7U, 0xc19bf174U,
            0xe49b69c1U, 0xefbe4786U, 0x0fc19dc6U, 0x240ca1ccU, 0x2de92c6fU, 0x4a7484aaU, 0x5cb0a9dcU, 0x76f988daU,
            0x983e5152U, 0xa831c66dU, 0xb00327c8U, 0xbf597fc7U, 0xc6e00bf3U, 0xd5a79147U, 0x06ca6351U, 0x14292967U,
            0x27b70a85U, 0x2e1b2138U, 0x4d2c6dfcU, 0x53380d13U, 0x650a7354U, 0x766a0abbU, 0x81c2c92eU, 0x92722c85U,
            0xa2bfe8a1U, 0xa81a664bU, 0xc24b8b70U, 0xc76c51a3U, 0xd192e819U, 0xd6990624U, 0xf40e3585U, 0x106aa070U,
            0x19a4c116U, 0x1e376c08U, 0x2748774cU, 0x34b0bcb5U, 0x391c0cb3U, 0x4ed8aa4aU, 0x5b9cca4fU, 0x682e6ff3U,
            0x748f82eeU, 0x78a5636fU, 0x84c87814U, 0x8cc70208U, 0x90befffaU, 0xa4506cebU, 0xbef9a3f7U, 0xc67178f2U,
        };

        private readonly uint[] _state = new uint[8];
        // The full 64-word schedule rather than a 16-word ring: no index masking in the rounds.
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _buffer = new byte[BlockSize];
        private int _bufferLength;
        private ulong _byteCount;

        /// <summary>Creates a hash ready for input.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <summary>Discards any input so far and wipes the internal buffers.</summary>
        public void Reset()
        {
            _state[0] = 0x6a09e667U;
            _state[1] = 0xbb67ae85U;
            _state[2] = 0x3c6ef372U;
            _state[3] = 0xa54ff53aU;
            _state[4] = 0x510e527fU;
            _state[5] = 0x9b05688cU;
            _state[6] = 0x1f83d9abU;
            _state[7] = 0x5be0cd19U;
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
            // §5.1.1: a one bit, zeros, then the message length in bits as a 64-bit big-endian number.
            ulong bits = _byteCount << 3;
            _buffer[_bufferLength++] = 0x80;
            if (_bufferLength > BlockSize - 8)
            {
                Array.Clear(_buffer, _bufferLength, BlockSize - _bufferLength);
                Compress(_buffer, 0);
                _bufferLength = 0;
            }
            Array.Clear(_buffer, _bufferLength, BlockSize - 8 - _bufferLength);
            StoreBigEndian(_buffer, BlockSize - 8, (uint)(bits >> 32));
            StoreBigEndian(_buffer, BlockSize - 4, (uint)bits);
            Compress(_buffer, 0);
            for (int i = 0; i < 8; i++)
            {
                StoreBigEndian(output, outputOffset + 4 * i, _state[i]);
            }
            Reset();
        }

        /// <summary>Returns the SHA-256 digest of <paramref name="data"/> in a new array.</summary>
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
        /// Writes the SHA-256 digest of <paramref name="count"/> bytes of <paramref name="data"/> from
        /// <paramref name="offset"/> to <paramref name="output"/> at <paramref name="outputOffset"/>.
        /// Allocates one instance; callers hashing often should keep a <see cref="Sha256"/>.
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
            Sha256 hash = new Sha256();
            hash.Update(data, offset, count);
            hash.Final(output, outputOffset);
        }

        /// <summary>Copies the chaining value out; only valid on a block boundary (HMAC saves its padded-key states).</summary>
        internal void GetState(uint[] state)
        {
            Debug.Assert(_bufferLength == 0, "state is only meaningful on a block boundary");
            Array.Copy(_state, 0, state, 0, 8);
        }

        /// <summary>Resumes from a chaining value saved by <see cref="GetState"/> after <paramref name="byteCount"/> bytes.</summary>
        internal void SetState(uint[] state, ulong byteCount)
        {
            Debug.Assert(byteCount % BlockSize == 0, "state is only meaningful on a block boundary");
            Array.Copy(state, 0, _state, 0, 8);
            _bufferLength = 0;
            _byteCount = byteCount;
        }

        private static void StoreBigEndian(byte[] output, int offset, uint value)
        {
            output[offset] = (byte)(value >> 24);
            output[offset + 1] = (byte)(value >> 16);
            output[offset + 2] = (byte)(value >> 8);
            output[offset + 3] = (byte)value;
        }

        // §6.2.2. The eight rounds of each loop pass are written out with the working variables
        // renamed instead of shifted, which saves seven moves per round on the interpreter; the
        // rotations are inlined because a method call costs about a dozen arithmetic instructions.
        private void Compress(byte[] block, int offset)
        {
            uint[] w = _w;
            uint[] k = s_k;
            for (int t = 0; t < 16; t++)
            {
                int o = offset + 4 * t;
                w[t] = (uint)block[o] << 24 | (uint)block[o + 1] << 16 | (uint)block[o + 2] << 8 | block[o + 3];
            }
            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 2];
                uint y = w[t - 15];
                w[t] = ((x >> 17 | x << 15) ^ (x >> 19 | x << 13) ^ (x >> 10))
                    + w[t - 7]
                    + ((y >> 7 | y << 25) ^ (y >> 18 | y << 14) ^ (y >> 3))
                    + w[t - 16];
            }

            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int t = 0; t < 64; t += 8)
            {
                h += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + k[t] + w[t];
                d += h;
                h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
                g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + k[t + 1] + w[t + 1];
                c += g;
                g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
                f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + k[t + 2] + w[t + 2];
                b += f;
                f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
                e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + k[t + 3] + w[t + 3];
                a += e;
                e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
                d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + k[t + 4] + w[t + 4];
                h += d;
                d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
                c += (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + k[t + 5] + w[t + 5];
                g += c;
                c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
                b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + k[t + 6] + w[t + 6];
                f += b;
                b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
                a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + k[t + 7] + w[t + 7];
                e += a;
                a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
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
