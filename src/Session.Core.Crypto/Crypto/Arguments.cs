// Door checks shared by the stream ciphers, MACs and AEADs: nulls, exact sizes and (offset, count)
// slices of caller buffers. They throw the factories in Errors.cs, so every primitive words its
// misuse the same way; inner code relies on these checks and only uses Debug.Assert. Size, Slice
// and Count are public because the layers above (onion, network, ratchet in Session.Core.Micro)
// check their keys with them, and that is another assembly on the device.
namespace Session.Core.Micro.Crypto
{
    /// <summary>Argument checks at the door of a public method (CONTRIBUTING.md rule 5).</summary>
    public static class Arguments
    {
        /// <summary>Throws unless <paramref name="value"/> is non-null and exactly <paramref name="size"/> bytes.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="value"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="value"/> is not <paramref name="size"/> bytes.</exception>
        public static void Size(byte[] value, int size, string name)
        {
            if (value == null)
            {
                throw Errors.Null(name);
            }
            if (value.Length != size)
            {
                throw Errors.Length(name, size);
            }
        }

        /// <summary>
        /// Throws unless <paramref name="buffer"/> is non-null and holds <paramref name="count"/> bytes from
        /// <paramref name="offset"/>; <paramref name="count"/> must already be checked to be non-negative (<see cref="Count"/>).
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="offset"/> and <paramref name="count"/> do not lie inside the buffer.</exception>
        public static void Slice(byte[] buffer, string bufferName, int offset, string offsetName, int count)
        {
            if (buffer == null)
            {
                throw Errors.Null(bufferName);
            }
            // count is checked by the caller to be non-negative, so Length - count cannot overflow.
            if (offset < 0 || offset > buffer.Length - count)
            {
                throw Errors.Range(offsetName);
            }
        }

        /// <summary>
        /// The door of every stream cipher's Xor (ChaCha20, XChaCha20, Salsa20, XSalsa20), in this order: count,
        /// the output slice, the key and nonce sizes, the input slice, then a block counter that would need a block
        /// past <paramref name="lastBlock"/> (2^32 - 1 for a 32-bit counter, 2^64 - 1 for a 64-bit one) within count bytes.
        /// </summary>
        internal static void StreamXor(byte[] output, int outputOffset, byte[] key, int keySize, byte[] nonce, int nonceSize,
            ulong counter, ulong lastBlock, byte[] input, int inputOffset, int count)
        {
            Count(count, nameof(count));
            Slice(output, nameof(output), outputOffset, nameof(outputOffset), count);
            Size(key, keySize, nameof(key));
            Size(nonce, nonceSize, nameof(nonce));
            Slice(input, nameof(input), inputOffset, nameof(inputOffset), count);
            ulong blocks = ((ulong)count + Keystream.BlockSize - 1) / Keystream.BlockSize;
            if (blocks > 0 && counter > lastBlock - (blocks - 1))
            {
                throw Errors.Range(nameof(count));
            }
        }

        /// <summary>
        /// The door of HChaCha20 and HSalsa20: a 32-byte output and key, a 16-byte input and, when not null,
        /// a 16-byte constant.
        /// </summary>
        internal static void DeriveKey(byte[] output, byte[] key, byte[] input, byte[] constant)
        {
            Size(output, Keystream.SubkeySize, nameof(output));
            Size(key, Keystream.SubkeySize, nameof(key));
            Size(input, Keystream.DeriveInputSize, nameof(input));
            if (constant != null)
            {
                Size(constant, Keystream.DeriveInputSize, nameof(constant));
            }
        }

        /// <summary>Throws unless <paramref name="count"/> is non-negative.</summary>
        /// <exception cref="System.ArgumentException"><paramref name="count"/> is negative.</exception>
        public static void Count(int count, string name)
        {
            if (count < 0)
            {
                throw Errors.Range(name);
            }
        }
    }
}
