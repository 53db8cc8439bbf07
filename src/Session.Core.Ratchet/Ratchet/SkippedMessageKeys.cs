// The message keys a receiver derived past but has not used yet (Double Ratchet section 3.2,
// MAX_SKIP), for messages that arrive out of order. The device's heap sets the bound: at most
// Capacity keys, 72 bytes each in the stored state. When full, the oldest key is dropped; a key is
// also dropped once Lifetime further messages were opened after it was stored. A message whose key
// was dropped is refused as too old. Entries are kept oldest first; removing one moves references,
// not bytes, so nothing is allocated after construction.
using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Ratchet
{
    internal sealed class SkippedMessageKeys
    {
        internal const int Capacity = 8;
        internal const int Lifetime = 32;
        internal const int EntrySize = X25519.KeySize + 4 + 4 + RatchetKdf.KeySize;
        internal const int SerializedSize = 1 + Capacity * EntrySize;

        private readonly byte[][] _ratchetKeys = new byte[Capacity][];
        private readonly uint[] _numbers = new uint[Capacity];
        private readonly uint[] _storedAt = new uint[Capacity];
        private readonly byte[][] _keys = new byte[Capacity][];
        private int _count;

        internal SkippedMessageKeys()
        {
            for (int i = 0; i < Capacity; i++)
            {
                _ratchetKeys[i] = new byte[X25519.KeySize];
                _keys[i] = new byte[RatchetKdf.KeySize];
            }
        }

        internal int Count
        {
            get { return _count; }
        }

        /// <summary>The index of the key for message <paramref name="number"/> of the chain of <paramref name="ratchetKey"/>, or -1.</summary>
        internal int Find(byte[] ratchetKey, uint number)
        {
            for (int i = 0; i < _count; i++)
            {
                // Public values: the ratchet key and number are in the packet's header.
                if (_numbers[i] == number && SameKey(_ratchetKeys[i], ratchetKey))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Copies out the key at <paramref name="index"/> and deletes it from the store.</summary>
        internal void Take(int index, byte[] messageKey)
        {
            Array.Copy(_keys[index], 0, messageKey, 0, RatchetKdf.KeySize);
            Remove(index);
        }

        /// <summary>Stores a key, dropping the oldest when the store is full.</summary>
        internal void Add(byte[] ratchetKey, uint number, byte[] messageKey, uint now)
        {
            if (_count == Capacity)
            {
                Remove(0);
            }
            Array.Copy(ratchetKey, 0, _ratchetKeys[_count], 0, X25519.KeySize);
            Array.Copy(messageKey, 0, _keys[_count], 0, RatchetKdf.KeySize);
            _numbers[_count] = number;
            _storedAt[_count] = now;
            _count++;
        }

        /// <summary>Deletes the keys stored <see cref="Lifetime"/> or more opened messages before <paramref name="now"/>.</summary>
        internal void Expire(uint now)
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                if (now - _storedAt[i] >= Lifetime)
                {
                    Remove(i);
                }
            }
        }

        internal void CopyTo(SkippedMessageKeys other)
        {
            other.Wipe();
            for (int i = 0; i < _count; i++)
            {
                other.Add(_ratchetKeys[i], _numbers[i], _keys[i], _storedAt[i]);
            }
        }

        internal void Write(byte[] buffer, int offset)
        {
            buffer[offset] = (byte)_count;
            int at = offset + 1;
            for (int i = 0; i < Capacity; i++)
            {
                if (i < _count)
                {
                    Array.Copy(_ratchetKeys[i], 0, buffer, at, X25519.KeySize);
                    RatchetHeader.WriteUInt32(buffer, at + 32, _numbers[i]);
                    RatchetHeader.WriteUInt32(buffer, at + 36, _storedAt[i]);
                    Array.Copy(_keys[i], 0, buffer, at + 40, RatchetKdf.KeySize);
                }
                else
                {
                    Array.Clear(buffer, at, EntrySize);
                }
                at += EntrySize;
            }
        }

        /// <summary>Reads what <see cref="Write"/> wrote; false when the count is impossible.</summary>
        internal bool Read(byte[] buffer, int offset)
        {
            Wipe();
            int count = buffer[offset];
            if (count > Capacity)
            {
                return false;
            }
            int at = offset + 1;
            for (int i = 0; i < count; i++)
            {
                Array.Copy(buffer, at, _ratchetKeys[i], 0, X25519.KeySize);
                _numbers[i] = RatchetHeader.ReadUInt32(buffer, at + 32);
                _storedAt[i] = RatchetHeader.ReadUInt32(buffer, at + 36);
                Array.Copy(buffer, at + 40, _keys[i], 0, RatchetKdf.KeySize);
                at += EntrySize;
            }
            _count = count;
            return true;
        }

        internal void Wipe()
        {
            for (int i = 0; i < Capacity; i++)
            {
                CryptoBytes.Wipe(_keys[i]);
                Array.Clear(_ratchetKeys[i], 0, X25519.KeySize);
                _numbers[i] = 0;
                _storedAt[i] = 0;
            }
            _count = 0;
        }

        private void Remove(int index)
        {
            byte[] key = _keys[index];
            byte[] ratchetKey = _ratchetKeys[index];
            CryptoBytes.Wipe(key);
            for (int i = index; i < _count - 1; i++)
            {
                _keys[i] = _keys[i + 1];
                _ratchetKeys[i] = _ratchetKeys[i + 1];
                _numbers[i] = _numbers[i + 1];
                _storedAt[i] = _storedAt[i + 1];
            }
            _count--;
            _keys[_count] = key;
            _ratchetKeys[_count] = ratchetKey;
            _numbers[_count] = 0;
            _storedAt[_count] = 0;
        }

        private static bool SameKey(byte[] a, byte[] b)
        {
            for (int i = 0; i < X25519.KeySize; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
