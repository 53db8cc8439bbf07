// HMAC (RFC 2104; FIPS 198-1), once for every hash: HmacSha256 and HmacSha512 derive from it, each
// naming its hash and keeping that hash's chaining values (uint or ulong words, which is why the
// hash side is not here). Only this assembly can derive (private protected constructor). Keys of any length; keys longer than the block are hashed first (§2).
// The key is processed once: the two padded-key blocks are compressed and only the chaining values
// after them are kept, so each tag costs two compressions less than the textbook form and the key
// itself is not kept. A plain abstract class with virtual calls, because nanoCLR runs no generics;
// the dozen calls per tag cost far less than one of its (at least two) compressions.
using System;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental HMAC under one key, over the hash of <see cref="HmacSha256"/> or <see cref="HmacSha512"/>.</summary>
    public abstract class Hmac
    {
        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5c;

        private readonly int _blockSize;
        private readonly int _tagSize;
        private readonly byte[] _innerDigest;

        /// <summary>For a hash with <paramref name="blockSize"/>-byte blocks and <paramref name="tagSize"/>-byte digests.</summary>
        private protected Hmac(int blockSize, int tagSize)
        {
            _blockSize = blockSize;
            _tagSize = tagSize;
            _innerDigest = new byte[tagSize];
        }

        /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="offset"/> and <paramref name="count"/> do not lie inside <paramref name="data"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            HashUpdate(data, offset, count);
        }

        /// <summary>Clears the key-derived states; the instance is unusable afterwards.</summary>
        public abstract void Wipe();

        /// <summary>The hash's Update, with its own argument checks.</summary>
        private protected abstract void HashUpdate(byte[] data, int offset, int count);

        /// <summary>The hash's Final: pads, writes the digest and resets the hash to its initial value.</summary>
        private protected abstract void HashFinal(byte[] output, int outputOffset);

        /// <summary>Saves the chaining value after the inner (or <paramref name="outer"/>) key block, then resets the hash.</summary>
        private protected abstract void SaveState(bool outer);

        /// <summary>Resumes the hash from the saved inner (or <paramref name="outer"/>) chaining value, one block in.</summary>
        private protected abstract void ResumeState(bool outer);

        /// <summary>Runs the two padded-key blocks and leaves the hash at the inner start. Called once by the derived constructor.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        private protected void SetKey(byte[] key)
        {
            if (key == null)
            {
                throw Errors.Null(nameof(key));
            }
            byte[] block = new byte[_blockSize];
            try
            {
                if (key.Length > _blockSize)
                {
                    HashUpdate(key, 0, key.Length);
                    HashFinal(block, 0);
                }
                else
                {
                    Array.Copy(key, 0, block, 0, key.Length);
                }
                for (int i = 0; i < _blockSize; i++)
                {
                    block[i] ^= InnerPad;
                }
                HashUpdate(block, 0, _blockSize);
                SaveState(false);
                for (int i = 0; i < _blockSize; i++)
                {
                    block[i] ^= InnerPad ^ OuterPad;
                }
                HashUpdate(block, 0, _blockSize);
                // SaveState's reset also wipes the schedule that still holds the padded key.
                SaveState(true);
                ResumeState(false);
            }
            finally
            {
                CryptoBytes.Wipe(block);
            }
        }

        /// <summary>
        /// Writes the tag to <paramref name="output"/> at <paramref name="outputOffset"/>, then returns to
        /// the keyed start for a new message. Compare tags with
        /// <see cref="CryptoBytes.ConstantTimeEquals(byte[], int, byte[], int, int)"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentException">Fewer than the tag size bytes follow <paramref name="outputOffset"/>.</exception>
        public void Final(byte[] output, int outputOffset)
        {
            if (output == null)
            {
                throw Errors.Null(nameof(output));
            }
            if (outputOffset < 0 || outputOffset > output.Length - _tagSize)
            {
                throw Errors.Slice(nameof(output));
            }
            HashFinal(_innerDigest, 0);
            ResumeState(true);
            HashUpdate(_innerDigest, 0, _tagSize);
            HashFinal(output, outputOffset);
            ResumeState(false);
            CryptoBytes.Wipe(_innerDigest);
        }

        /// <summary>The tag of all of <paramref name="data"/> in a new array; wipes the instance afterwards.</summary>
        private protected byte[] ComputeOnce(byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null(nameof(data));
            }
            byte[] tag = new byte[_tagSize];
            HashUpdate(data, 0, data.Length);
            Final(tag, 0);
            Wipe();
            return tag;
        }
    }
}
