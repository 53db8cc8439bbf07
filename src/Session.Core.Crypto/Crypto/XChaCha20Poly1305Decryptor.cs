// XChaCha20-Poly1305 opened in pieces (the AEAD of XChaCha20Poly1305, no associated data), for
// ciphertexts too large to hold: an onion reply that carries a message larger than the device's
// reply buffer (docs/protocol.md §3.3, §4.4). Each piece is added to the Poly1305 tag and decrypted
// in place with the keystream from block 1 on; the caller holds the last 16 bytes back as the tag.
// The plaintext is NOT authentic until Verify returns true: a caller keeps what it decrypted
// aside, acts on none of it, and drops it all when Verify fails.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Incremental XChaCha20-Poly1305 decryption: Decrypt any number of pieces, then Verify the tag once.</summary>
    public sealed class XChaCha20Poly1305Decryptor
    {
        private readonly uint[] _state = new uint[ChaCha20.StateWords];
        private readonly uint[] _block = new uint[ChaCha20.StateWords];
        private readonly byte[] _keystream = new byte[Keystream.BlockSize];
        private readonly Poly1305 _mac;
        // Keystream bytes of the current block already used (BlockSize: none left).
        private int _used = Keystream.BlockSize;
        private long _length;
        private bool _finished;

        /// <summary>Starts opening a ciphertext sealed under <paramref name="key"/> and <paramref name="nonce"/>.</summary>
        /// <exception cref="System.ArgumentNullException">key or nonce is null.</exception>
        /// <exception cref="System.ArgumentException">key is not 32 bytes or nonce not 24.</exception>
        public XChaCha20Poly1305Decryptor(byte[] key, byte[] nonce)
        {
            Arguments.Size(key, XChaCha20Poly1305.KeySize, nameof(key));
            Arguments.Size(nonce, XChaCha20Poly1305.NonceSize, nameof(nonce));
            XChaCha20.SetState(_state, key, nonce);
            ChaCha20.Block(_state, _block, true);
            _mac = new Poly1305(_block);
            _state[12] = 1;
        }

        /// <summary>Adds <paramref name="count"/> ciphertext bytes at <paramref name="offset"/> to the tag and decrypts them in place.</summary>
        /// <exception cref="System.ArgumentNullException">buffer is null.</exception>
        /// <exception cref="System.ArgumentException">The slice falls outside buffer.</exception>
        /// <exception cref="System.InvalidOperationException">Verify or Wipe was called.</exception>
        public void Decrypt(byte[] buffer, int offset, int count)
        {
            Arguments.Count(count, nameof(count));
            Arguments.Slice(buffer, nameof(buffer), offset, nameof(offset), count);
            if (_finished)
            {
                throw Errors.Finished(nameof(XChaCha20Poly1305Decryptor));
            }
            _mac.Absorb(buffer, offset, count);
            _length += count;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                if (_used == Keystream.BlockSize)
                {
                    NextBlock();
                }
                buffer[i] ^= _keystream[_used++];
            }
        }

        /// <summary>Checks, in constant time, the 16-byte tag at <paramref name="tag"/>[<paramref name="offset"/>] against all the pieces; then wipes the state.</summary>
        /// <returns>True only when the tag is right: only then is what Decrypt gave authentic.</returns>
        /// <exception cref="System.ArgumentNullException">tag is null.</exception>
        /// <exception cref="System.ArgumentException">16 bytes do not fit at offset.</exception>
        /// <exception cref="System.InvalidOperationException">Verify or Wipe was called.</exception>
        public bool Verify(byte[] tag, int offset)
        {
            Arguments.Slice(tag, nameof(tag), offset, nameof(offset), XChaCha20Poly1305.TagSize);
            if (_finished)
            {
                throw Errors.Finished(nameof(XChaCha20Poly1305Decryptor));
            }
            byte[] expected = new byte[XChaCha20Poly1305.TagSize];
            _mac.PadToBlock();
            _mac.AbsorbLengths(0, (ulong)_length);
            _mac.Final(expected, 0);
            Wipe();
            return CryptoBytes.ConstantTimeEquals(expected, 0, tag, offset, XChaCha20Poly1305.TagSize);
        }

        /// <summary>Wipes the key stream state (done by Verify); the instance cannot be used again.</summary>
        public void Wipe()
        {
            _finished = true;
            CryptoBytes.Wipe(_state);
            CryptoBytes.Wipe(_block);
            CryptoBytes.Wipe(_keystream);
        }

        // The next keystream block (libsodium's 64-bit counter in words 12-13).
        private void NextBlock()
        {
            Debug.Assert(!_finished);
            ChaCha20.Block(_state, _block, true);
            for (int w = 0; w < ChaCha20.StateWords; w++)
            {
                Keystream.Store32(_keystream, 4 * w, _block[w]);
            }
            _state[12]++;
            if (_state[12] == 0)
            {
                _state[13]++;
            }
            _used = 0;
        }
    }
}
