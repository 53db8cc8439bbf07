// BLAKE2b (RFC 7693; salt and personalization from the BLAKE2 paper, blake2.net, §2.5 parameter block).
// Output 1 to 64 bytes, key 0 to 64 bytes, salt and personal 16 bytes each (absent = zeros).
// Sealed boxes use it unkeyed with a 24-byte output for their nonce. Sequential mode only: the
// parameter block's fanout and depth are 1 and its tree fields zero. One instance allocates its
// state, message words and block buffer once (plus a copy of the key, when keyed); Update and Final
// allocate nothing. Static table: the message schedule, 160 bytes.
using System;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental BLAKE2b with a fixed output length, key, salt and personalization. Not thread-safe.</summary>
    public sealed class Blake2b
    {
        /// <summary>Smallest output length in bytes.</summary>
        public const int MinOutputSize = 1;

        /// <summary>Largest output length in bytes.</summary>
        public const int MaxOutputSize = 64;

        /// <summary>Largest key length in bytes; 0 (or null) means unkeyed.</summary>
        public const int MaxKeySize = 64;

        /// <summary>Salt length in bytes.</summary>
        public const int SaltSize = 16;

        /// <summary>Personalization length in bytes.</summary>
        public const int PersonalSize = 16;

        private const int BlockSize = 128;

        // RFC 7693 §2.6: the SHA-512 initial value.
        private const ulong IV0 = 0x6a09e667f3bcc908UL;
        private const ulong IV1 = 0xbb67ae8584caa73bUL;
        private const ulong IV2 = 0x3c6ef372fe94f82bUL;
        private const ulong IV3 = 0xa54ff53a5f1d36f1UL;
        private const ulong IV4 = 0x510e527fade682d1UL;
        private const ulong IV5 = 0x9b05688c2b3e6c1fUL;
        private const ulong IV6 = 0x1f83d9abfb41bd6bUL;
        private const ulong IV7 = 0x5be0cd19137e2179UL;

        // RFC 7693 §2.7: the ten message permutations, one row of 16 per round. Rounds 10 and 11
        // reuse rows 0 and 1, so the table stops at ten rows.
        private static readonly byte[] s_sigma =
        {
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
            11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
            7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
            9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
            2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
            12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
            13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
            6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
            10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
        };

        private readonly ulong[] _h = new ulong[8];
        private readonly ulong[] _m = new ulong[16];
        private readonly byte[] _buffer = new byte[BlockSize];
        private readonly int _outputLength;
        // Null when unkeyed; otherwise the key, which every message starts with as a padded block.
        private readonly byte[] _key;
        // The parameter block words that differ from zero: word 0 (lengths, fanout, depth), salt, personal.
        private readonly ulong _parameter0;
        private readonly ulong _salt0;
        private readonly ulong _salt1;
        private readonly ulong _personal0;
        private readonly ulong _personal1;
        private int _bufferLength;
        // The 128-bit count of bytes compressed so far (RFC 7693 §3.2 t).
        private ulong _t0;
        private ulong _t1;

        /// <summary>Creates a hash with <paramref name="outputLength"/> bytes of output, keyed by <paramref name="key"/> when not null or empty.</summary>
        /// <exception cref="ArgumentException"><paramref name="outputLength"/> is outside 1..64, or <paramref name="key"/> is longer than <see cref="MaxKeySize"/>.</exception>
        public Blake2b(int outputLength, byte[] key)
            : this(outputLength, key, null, null)
        {
        }

        /// <summary>
        /// Creates a hash with <paramref name="outputLength"/> bytes of output, an optional key, salt and
        /// personalization. Null or empty <paramref name="key"/> means unkeyed; null <paramref name="salt"/>
        /// or <paramref name="personal"/> means 16 zero bytes.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="outputLength"/> is outside 1..64, <paramref name="key"/> is longer than
        /// <see cref="MaxKeySize"/>, or <paramref name="salt"/> or <paramref name="personal"/> is not 16 bytes.</exception>
        public Blake2b(int outputLength, byte[] key, byte[] salt, byte[] personal)
        {
            if (outputLength < MinOutputSize || outputLength > MaxOutputSize)
            {
                throw Errors.LengthRange(nameof(outputLength), MinOutputSize, MaxOutputSize);
            }
            if (key != null && key.Length > MaxKeySize)
            {
                throw Errors.LengthRange(nameof(key), 0, MaxKeySize);
            }
            if (salt != null && salt.Length != SaltSize)
            {
                throw Errors.Length(nameof(salt), SaltSize);
            }
            if (personal != null && personal.Length != PersonalSize)
            {
                throw Errors.Length(nameof(personal), PersonalSize);
            }
            _outputLength = outputLength;
            int keyLength = 0;
            if (key != null && key.Length > 0)
            {
                keyLength = key.Length;
                _key = new byte[keyLength];
                Array.Copy(key, 0, _key, 0, keyLength);
            }
            _parameter0 = 0x01010000U | (uint)keyLength << 8 | (uint)outputLength;
            if (salt != null)
            {
                _salt0 = LoadLittleEndian(salt, 0);
                _salt1 = LoadLittleEndian(salt, 8);
            }
            if (personal != null)
            {
                _personal0 = LoadLittleEndian(personal, 0);
                _personal1 = LoadLittleEndian(personal, 8);
            }
            Reset();
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
            // The last block is compressed differently (§3.2 f0), so a full buffer waits until more
            // input shows that it is not the last.
            int free = BlockSize - _bufferLength;
            if (count > free)
            {
                Array.Copy(data, offset, _buffer, _bufferLength, free);
                offset += free;
                count -= free;
                AddToCounter(BlockSize);
                Compress(_buffer, 0, false);
                _bufferLength = 0;
                while (count > BlockSize)
                {
                    AddToCounter(BlockSize);
                    Compress(data, offset, false);
                    offset += BlockSize;
                    count -= BlockSize;
                }
            }
            Array.Copy(data, offset, _buffer, _bufferLength, count);
            _bufferLength += count;
        }

        /// <summary>
        /// Writes the output (the length given to the constructor) to <paramref name="output"/> at
        /// <paramref name="outputOffset"/>, then returns to the start (keyed, salted) for a new message.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentException">Fewer than the output length bytes follow <paramref name="outputOffset"/>.</exception>
        public void Final(byte[] output, int outputOffset)
        {
            if (output == null)
            {
                throw Errors.Null(nameof(output));
            }
            if (outputOffset < 0 || outputOffset > output.Length - _outputLength)
            {
                throw Errors.Slice(nameof(output));
            }
            AddToCounter(_bufferLength);
            Array.Clear(_buffer, _bufferLength, BlockSize - _bufferLength);
            Compress(_buffer, 0, true);
            for (int i = 0; i < _outputLength; i++)
            {
                output[outputOffset + i] = (byte)(_h[i >> 3] >> ((i & 7) << 3));
            }
            Reset();
        }

        /// <summary>Returns the <paramref name="outputLength"/>-byte BLAKE2b of <paramref name="data"/>, keyed when <paramref name="key"/> is not null or empty.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="outputLength"/> is outside 1..64, or <paramref name="key"/> is longer than <see cref="MaxKeySize"/>.</exception>
        public static byte[] Hash(int outputLength, byte[] key, byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null(nameof(data));
            }
            if (outputLength < MinOutputSize || outputLength > MaxOutputSize)
            {
                throw Errors.LengthRange(nameof(outputLength), MinOutputSize, MaxOutputSize);
            }
            byte[] output = new byte[outputLength];
            Hash(output, 0, outputLength, key, data, 0, data.Length);
            return output;
        }

        /// <summary>
        /// Writes the <paramref name="outputLength"/>-byte BLAKE2b of <paramref name="count"/> bytes of
        /// <paramref name="data"/> from <paramref name="offset"/> to <paramref name="output"/> at
        /// <paramref name="outputOffset"/>. Allocates one instance.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="outputLength"/> is outside 1..64, <paramref name="key"/> is longer
        /// than <see cref="MaxKeySize"/>, or the output or input range does not lie inside its array.</exception>
        public static void Hash(byte[] output, int outputOffset, int outputLength, byte[] key, byte[] data, int offset, int count)
        {
            if (output == null)
            {
                throw Errors.Null(nameof(output));
            }
            Blake2b hash = new Blake2b(outputLength, key);
            try
            {
                hash.Update(data, offset, count);
                hash.Final(output, outputOffset);
            }
            finally
            {
                hash.Wipe();
            }
        }

        // The start of every message: h = IV xor the parameter block (§2.5; RFC 7693 §2.5 for word 0),
        // and for a keyed hash the key padded with zeros to a whole first block (RFC 7693 §3.3).
        private void Reset()
        {
            _h[0] = IV0 ^ _parameter0;
            _h[1] = IV1;
            _h[2] = IV2;
            _h[3] = IV3;
            _h[4] = IV4 ^ _salt0;
            _h[5] = IV5 ^ _salt1;
            _h[6] = IV6 ^ _personal0;
            _h[7] = IV7 ^ _personal1;
            _t0 = 0;
            _t1 = 0;
            Array.Clear(_m, 0, 16);
            Array.Clear(_buffer, 0, BlockSize);
            if (_key == null)
            {
                _bufferLength = 0;
            }
            else
            {
                Array.Copy(_key, 0, _buffer, 0, _key.Length);
                _bufferLength = BlockSize;
            }
        }

        private void Wipe()
        {
            CryptoBytes.Wipe(_key);
            Array.Clear(_h, 0, 8);
            Array.Clear(_m, 0, 16);
            Array.Clear(_buffer, 0, BlockSize);
        }

        private void AddToCounter(int count)
        {
            _t0 += (ulong)count;
            if (_t0 < (ulong)count)
            {
                _t1++;
            }
        }

        private static ulong LoadLittleEndian(byte[] data, int offset)
        {
            uint low = data[offset] | (uint)data[offset + 1] << 8 | (uint)data[offset + 2] << 16 | (uint)data[offset + 3] << 24;
            uint high = data[offset + 4] | (uint)data[offset + 5] << 8 | (uint)data[offset + 6] << 16 | (uint)data[offset + 7] << 24;
            return (ulong)high << 32 | low;
        }

        // RFC 7693 §3.2. The working vector lives in sixteen locals and G is written out eight times
        // per round: array accesses and calls are what the interpreter pays for. The schedule is
        // public, so indexing m through it leaks nothing.
        private void Compress(byte[] block, int offset, bool last)
        {
            ulong[] m = _m;
            byte[] s = s_sigma;
            for (int i = 0; i < 16; i++)
            {
                int o = offset + 8 * i;
                uint low = block[o] | (uint)block[o + 1] << 8 | (uint)block[o + 2] << 16 | (uint)block[o + 3] << 24;
                uint high = block[o + 4] | (uint)block[o + 5] << 8 | (uint)block[o + 6] << 16 | (uint)block[o + 7] << 24;
                m[i] = (ulong)high << 32 | low;
            }
            ulong v0 = _h[0], v1 = _h[1], v2 = _h[2], v3 = _h[3];
            ulong v4 = _h[4], v5 = _h[5], v6 = _h[6], v7 = _h[7];
            ulong v8 = IV0, v9 = IV1, v10 = IV2, v11 = IV3;
            ulong v12 = IV4 ^ _t0, v13 = IV5 ^ _t1, v14 = last ? ~IV6 : IV6, v15 = IV7;
            int row = 0;
            for (int round = 0; round < 12; round++)
            {
                v0 += v4 + m[s[row]];
                v12 ^= v0;
                v12 = v12 >> 32 | v12 << 32;
                v8 += v12;
                v4 ^= v8;
                v4 = v4 >> 24 | v4 << 40;
                v0 += v4 + m[s[row + 1]];
                v12 ^= v0;
                v12 = v12 >> 16 | v12 << 48;
                v8 += v12;
                v4 ^= v8;
                v4 = v4 >> 63 | v4 << 1;
                v1 += v5 + m[s[row + 2]];
                v13 ^= v1;
                v13 = v13 >> 32 | v13 << 32;
                v9 += v13;
                v5 ^= v9;
                v5 = v5 >> 24 | v5 << 40;
                v1 += v5 + m[s[row + 3]];
                v13 ^= v1;
                v13 = v13 >> 16 | v13 << 48;
                v9 += v13;
                v5 ^= v9;
                v5 = v5 >> 63 | v5 << 1;
                v2 += v6 + m[s[row + 4]];
                v14 ^= v2;
                v14 = v14 >> 32 | v14 << 32;
                v10 += v14;
                v6 ^= v10;
                v6 = v6 >> 24 | v6 << 40;
                v2 += v6 + m[s[row + 5]];
                v14 ^= v2;
                v14 = v14 >> 16 | v14 << 48;
                v10 += v14;
                v6 ^= v10;
                v6 = v6 >> 63 | v6 << 1;
                v3 += v7 + m[s[row + 6]];
                v15 ^= v3;
                v15 = v15 >> 32 | v15 << 32;
                v11 += v15;
                v7 ^= v11;
                v7 = v7 >> 24 | v7 << 40;
                v3 += v7 + m[s[row + 7]];
                v15 ^= v3;
                v15 = v15 >> 16 | v15 << 48;
                v11 += v15;
                v7 ^= v11;
                v7 = v7 >> 63 | v7 << 1;
                v0 += v5 + m[s[row + 8]];
                v15 ^= v0;
                v15 = v15 >> 32 | v15 << 32;
                v10 += v15;
                v5 ^= v10;
                v5 = v5 >> 24 | v5 << 40;
                v0 += v5 + m[s[row + 9]];
                v15 ^= v0;
                v15 = v15 >> 16 | v15 << 48;
                v10 += v15;
                v5 ^= v10;
                v5 = v5 >> 63 | v5 << 1;
                v1 += v6 + m[s[row + 10]];
                v12 ^= v1;
                v12 = v12 >> 32 | v12 << 32;
                v11 += v12;
                v6 ^= v11;
                v6 = v6 >> 24 | v6 << 40;
                v1 += v6 + m[s[row + 11]];
                v12 ^= v1;
                v12 = v12 >> 16 | v12 << 48;
                v11 += v12;
                v6 ^= v11;
                v6 = v6 >> 63 | v6 << 1;
                v2 += v7 + m[s[row + 12]];
                v13 ^= v2;
                v13 = v13 >> 32 | v13 << 32;
                v8 += v13;
                v7 ^= v8;
                v7 = v7 >> 24 | v7 << 40;
                v2 += v7 + m[s[row + 13]];
                v13 ^= v2;
                v13 = v13 >> 16 | v13 << 48;
                v8 += v13;
                v7 ^= v8;
                v7 = v7 >> 63 | v7 << 1;
                v3 += v4 + m[s[row + 14]];
                v14 ^= v3;
                v14 = v14 >> 32 | v14 << 32;
                v9 += v14;
                v4 ^= v9;
                v4 = v4 >> 24 | v4 << 40;
                v3 += v4 + m[s[row + 15]];
                v14 ^= v3;
                v14 = v14 >> 16 | v14 << 48;
                v9 += v14;
                v4 ^= v9;
                v4 = v4 >> 63 | v4 << 1;
                row += 16;
                if (row == s.Length)
                {
                    row = 0;
                }
            }
            _h[0] ^= v0 ^ v8;
            _h[1] ^= v1 ^ v9;
            _h[2] ^= v2 ^ v10;
            _h[3] ^= v3 ^ v11;
            _h[4] ^= v4 ^ v12;
            _h[5] ^= v5 ^ v13;
            _h[6] ^= v6 ^ v14;
            _h[7] ^= v7 ^ v15;
        }
    }
}
