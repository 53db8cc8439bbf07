// Poly1305 one-time authenticator, RFC 8439 §2.5 (also NaCl's crypto_onetimeauth): 32-byte one-time
// key r || s, 16-byte tag, any message length. A key must authenticate one message only.
// The accumulator h and r are five 26-bit limbs, so each product fits a 64-bit ulong with room for
// the sums; s1..s4 = 5 * r1..r4 fold the reduction mod 2^130 - 5 into the multiply. The final
// reduction picks h or h - p with a mask, not a branch, and tags are compared in constant time.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental Poly1305: construct with the one-time key, Update any number of times, then Final once.</summary>
    public sealed class Poly1305
    {
        /// <summary>One-time key size in bytes (r || s).</summary>
        public const int KeySize = 32;

        /// <summary>Tag size in bytes.</summary>
        public const int TagSize = 16;

        private const int BlockSize = 16;
        private const uint Mask26 = 0x3ffffff;

        // The 2^128 bit that every full 16-byte block carries, at its place in limb 4.
        private const uint FullBlockBit = 1u << 24;

        private uint _r0, _r1, _r2, _r3, _r4;
        private uint _s1, _s2, _s3, _s4;
        private uint _h0, _h1, _h2, _h3, _h4;
        private uint _pad0, _pad1, _pad2, _pad3;
        private readonly byte[] _buffer = new byte[BlockSize];
        private int _buffered;
        private bool _finished;

        /// <summary>Starts a tag under a one-time key.</summary>
        /// <param name="key">The 32-byte one-time key r || s.</param>
        /// <exception cref="System.ArgumentNullException">key is null.</exception>
        /// <exception cref="System.ArgumentException">key is not 32 bytes.</exception>
        public Poly1305(byte[] key)
        {
            Arguments.Size(key, KeySize, nameof(key));
            SetKey(Keystream.Load32(key, 0), Keystream.Load32(key, 4), Keystream.Load32(key, 8), Keystream.Load32(key, 12),
                Keystream.Load32(key, 16), Keystream.Load32(key, 20), Keystream.Load32(key, 24), Keystream.Load32(key, 28));
        }

        /// <summary>Starts a tag whose key is words 0-7 of a keystream block (the AEADs and secretbox), without serialising it.</summary>
        internal Poly1305(uint[] keyWords)
        {
            Debug.Assert(keyWords.Length >= 8);
            SetKey(keyWords[0], keyWords[1], keyWords[2], keyWords[3], keyWords[4], keyWords[5], keyWords[6], keyWords[7]);
        }

        /// <summary>Adds count bytes of data to the message.</summary>
        /// <exception cref="System.ArgumentNullException">data is null.</exception>
        /// <exception cref="System.ArgumentException">The slice falls outside data.</exception>
        /// <exception cref="System.InvalidOperationException">Final was already called.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            Arguments.Count(count, nameof(count));
            Arguments.Slice(data, nameof(data), offset, nameof(offset), count);
            if (_finished)
            {
                throw Errors.Finished(nameof(Poly1305));
            }
            Absorb(data, offset, count);
        }

        /// <summary>Writes the 16-byte tag at tag[offset] and wipes the key; the instance cannot be used again.</summary>
        /// <exception cref="System.ArgumentNullException">tag is null.</exception>
        /// <exception cref="System.ArgumentException">16 bytes do not fit at offset.</exception>
        /// <exception cref="System.InvalidOperationException">Final was already called.</exception>
        public void Final(byte[] tag, int offset)
        {
            Arguments.Slice(tag, nameof(tag), offset, nameof(offset), TagSize);
            if (_finished)
            {
                throw Errors.Finished(nameof(Poly1305));
            }
            if (_buffered > 0)
            {
                // The last partial block gets a 1 byte after it instead of the 2^128 bit.
                _buffer[_buffered] = 1;
                for (int i = _buffered + 1; i < BlockSize; i++)
                {
                    _buffer[i] = 0;
                }
                Blocks(_buffer, 0, 1, 0);
            }

            uint h0 = _h0, h1 = _h1, h2 = _h2, h3 = _h3, h4 = _h4;
            uint c;
            c = h1 >> 26; h1 &= Mask26;
            h2 += c; c = h2 >> 26; h2 &= Mask26;
            h3 += c; c = h3 >> 26; h3 &= Mask26;
            h4 += c; c = h4 >> 26; h4 &= Mask26;
            h0 += c * 5; c = h0 >> 26; h0 &= Mask26;
            h1 += c;

            // h < 2p now. g = h + 5 - 2^130 = h - p; keep g when it did not go negative. The sign comes
            // from bit 31 of the top limb, turned into an all-ones or all-zeros mask.
            uint g0 = h0 + 5; c = g0 >> 26; g0 &= Mask26;
            uint g1 = h1 + c; c = g1 >> 26; g1 &= Mask26;
            uint g2 = h2 + c; c = g2 >> 26; g2 &= Mask26;
            uint g3 = h3 + c; c = g3 >> 26; g3 &= Mask26;
            uint g4 = h4 + c - (1u << 26);
            uint useG = (g4 >> 31) - 1;
            uint useH = ~useG;
            h0 = (h0 & useH) | (g0 & useG);
            h1 = (h1 & useH) | (g1 & useG);
            h2 = (h2 & useH) | (g2 & useG);
            h3 = (h3 & useH) | (g3 & useG);
            h4 = (h4 & useH) | (g4 & useG);

            // tag = (h + s) mod 2^128. Adding the limbs with carries (not OR-ing them) stays right when a
            // limb is a bit over 26 bits, as h1 can be after the last carry above.
            ulong f = h0 + ((ulong)h1 << 26) + _pad0;
            Keystream.Store32(tag, offset, (uint)f);
            f = (f >> 32) + ((ulong)h2 << 20) + _pad1;
            Keystream.Store32(tag, offset + 4, (uint)f);
            f = (f >> 32) + ((ulong)h3 << 14) + _pad2;
            Keystream.Store32(tag, offset + 8, (uint)f);
            f = (f >> 32) + ((ulong)h4 << 8) + _pad3;
            Keystream.Store32(tag, offset + 12, (uint)f);

            Wipe();
        }

        /// <summary>Writes Poly1305(key, message) into the 16-byte <paramref name="tag"/>.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">tag or key has the wrong size.</exception>
        public static void Compute(byte[] tag, byte[] key, byte[] message)
        {
            Arguments.Size(tag, TagSize, nameof(tag));
            Arguments.Size(key, KeySize, nameof(key));
            if (message == null)
            {
                throw Errors.Null(nameof(message));
            }
            Poly1305 mac = new Poly1305(key);
            mac.Absorb(message, 0, message.Length);
            mac.Final(tag, 0);
        }

        /// <summary>True when <paramref name="tag"/> is Poly1305(key, message); the comparison takes the same time wherever the tags differ.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">tag or key has the wrong size.</exception>
        public static bool Verify(byte[] tag, byte[] key, byte[] message)
        {
            Arguments.Size(tag, TagSize, nameof(tag));
            byte[] expected = new byte[TagSize];
            Compute(expected, key, message);
            return CryptoBytes.ConstantTimeEquals(expected, 0, tag, 0, TagSize);
        }

        /// <summary>Update without the door checks, for callers in this assembly that own their arguments.</summary>
        internal void Absorb(byte[] data, int offset, int count)
        {
            Debug.Assert(!_finished && count >= 0 && offset >= 0 && offset + count <= data.Length);
            if (_buffered > 0)
            {
                int take = BlockSize - _buffered;
                if (take > count)
                {
                    take = count;
                }
                System.Array.Copy(data, offset, _buffer, _buffered, take);
                _buffered += take;
                offset += take;
                count -= take;
                if (_buffered < BlockSize)
                {
                    return;
                }
                Blocks(_buffer, 0, 1, FullBlockBit);
                _buffered = 0;
            }
            int blocks = count / BlockSize;
            if (blocks > 0)
            {
                Blocks(data, offset, blocks, FullBlockBit);
                offset += blocks * BlockSize;
                count -= blocks * BlockSize;
            }
            if (count > 0)
            {
                System.Array.Copy(data, offset, _buffer, 0, count);
                _buffered = count;
            }
        }

        /// <summary>Zero-pads the message to a multiple of 16 bytes (RFC 8439 §2.8 pad16); nothing if it is one already.</summary>
        internal void PadToBlock()
        {
            if (_buffered > 0)
            {
                for (int i = _buffered; i < BlockSize; i++)
                {
                    _buffer[i] = 0;
                }
                Blocks(_buffer, 0, 1, FullBlockBit);
                _buffered = 0;
            }
        }

        /// <summary>Adds the AEAD length block: two 64-bit little-endian byte counts (RFC 8439 §2.8). Call on a block boundary.</summary>
        internal void AbsorbLengths(ulong first, ulong second)
        {
            Debug.Assert(_buffered == 0);
            Keystream.Store32(_buffer, 0, (uint)first);
            Keystream.Store32(_buffer, 4, (uint)(first >> 32));
            Keystream.Store32(_buffer, 8, (uint)second);
            Keystream.Store32(_buffer, 12, (uint)(second >> 32));
            Blocks(_buffer, 0, 1, FullBlockBit);
        }

        private void SetKey(uint t0, uint t1, uint t2, uint t3, uint pad0, uint pad1, uint pad2, uint pad3)
        {
            // r is clamped (RFC 8439 §2.5: clear the top 4 bits of bytes 3, 7, 11, 15 and the low 2 bits
            // of bytes 4, 8, 12); the masks below do the clamp and the split into 26-bit limbs at once.
            _r0 = t0 & 0x3ffffff;
            _r1 = ((t0 >> 26) | (t1 << 6)) & 0x3ffff03;
            _r2 = ((t1 >> 20) | (t2 << 12)) & 0x3ffc0ff;
            _r3 = ((t2 >> 14) | (t3 << 18)) & 0x3f03fff;
            _r4 = (t3 >> 8) & 0x00fffff;
            _s1 = _r1 * 5;
            _s2 = _r2 * 5;
            _s3 = _r3 * 5;
            _s4 = _r4 * 5;
            _pad0 = pad0;
            _pad1 = pad1;
            _pad2 = pad2;
            _pad3 = pad3;
        }

        /// <summary>h = (h + block) * r mod 2^130 - 5 for each 16-byte block; hibit is the 2^128 bit (0 for a padded last block).</summary>
        private void Blocks(byte[] data, int offset, int blocks, uint hibit)
        {
            // State in locals for the loop: field access costs more than a local on the interpreter.
            uint r0 = _r0, r1 = _r1, r2 = _r2, r3 = _r3, r4 = _r4;
            uint s1 = _s1, s2 = _s2, s3 = _s3, s4 = _s4;
            uint h0 = _h0, h1 = _h1, h2 = _h2, h3 = _h3, h4 = _h4;
            while (blocks > 0)
            {
                uint t0 = data[offset] | (uint)data[offset + 1] << 8 | (uint)data[offset + 2] << 16 | (uint)data[offset + 3] << 24;
                uint t1 = data[offset + 4] | (uint)data[offset + 5] << 8 | (uint)data[offset + 6] << 16 | (uint)data[offset + 7] << 24;
                uint t2 = data[offset + 8] | (uint)data[offset + 9] << 8 | (uint)data[offset + 10] << 16 | (uint)data[offset + 11] << 24;
                uint t3 = data[offset + 12] | (uint)data[offset + 13] << 8 | (uint)data[offset + 14] << 16 | (uint)data[offset + 15] << 24;
                h0 += t0 & Mask26;
                h1 += ((t0 >> 26) | (t1 << 6)) & Mask26;
                h2 += ((t1 >> 20) | (t2 << 12)) & Mask26;
                h3 += ((t2 >> 14) | (t3 << 18)) & Mask26;
                h4 += (t3 >> 8) | hibit;

                ulong d0 = (ulong)h0 * r0 + (ulong)h1 * s4 + (ulong)h2 * s3 + (ulong)h3 * s2 + (ulong)h4 * s1;
                ulong d1 = (ulong)h0 * r1 + (ulong)h1 * r0 + (ulong)h2 * s4 + (ulong)h3 * s3 + (ulong)h4 * s2;
                ulong d2 = (ulong)h0 * r2 + (ulong)h1 * r1 + (ulong)h2 * r0 + (ulong)h3 * s4 + (ulong)h4 * s3;
                ulong d3 = (ulong)h0 * r3 + (ulong)h1 * r2 + (ulong)h2 * r1 + (ulong)h3 * r0 + (ulong)h4 * s4;
                ulong d4 = (ulong)h0 * r4 + (ulong)h1 * r3 + (ulong)h2 * r2 + (ulong)h3 * r1 + (ulong)h4 * r0;

                // Partial carry: limbs end at most a little over 26 bits, enough headroom for the next block.
                uint c = (uint)(d0 >> 26); h0 = (uint)d0 & Mask26;
                d1 += c; c = (uint)(d1 >> 26); h1 = (uint)d1 & Mask26;
                d2 += c; c = (uint)(d2 >> 26); h2 = (uint)d2 & Mask26;
                d3 += c; c = (uint)(d3 >> 26); h3 = (uint)d3 & Mask26;
                d4 += c; c = (uint)(d4 >> 26); h4 = (uint)d4 & Mask26;
                h0 += c * 5; c = h0 >> 26; h0 &= Mask26;
                h1 += c;

                offset += BlockSize;
                blocks--;
            }
            _h0 = h0;
            _h1 = h1;
            _h2 = h2;
            _h3 = h3;
            _h4 = h4;
        }

        private void Wipe()
        {
            _r0 = _r1 = _r2 = _r3 = _r4 = 0;
            _s1 = _s2 = _s3 = _s4 = 0;
            _h0 = _h1 = _h2 = _h3 = _h4 = 0;
            _pad0 = _pad1 = _pad2 = _pad3 = 0;
            CryptoBytes.Wipe(_buffer);
            _buffered = 0;
            _finished = true;
        }
    }
}
