// IRatchetStateStore over the device's Network.IKeyValueStore, whose Put is not atomic (a power cut
// can leave a value half written): docs/ratchet.md, "Persistence". Two slots, "<name>.0" and
// "<name>.1", written alternately; each holds
//   01 (slot format) || save counter (8 bytes, big-endian) || state || SHA-256 of everything before,
// so 41 bytes more than the state (1,126 in all for format 1). Load takes the valid slot with the
// higher counter; Save writes the other slot, with the counter one higher. A write torn at any byte
// damages only the slot being written, whose hash then fails (or, if the torn bytes happen to equal
// the new ones, is the whole new state), so Load returns the old state or the new one, never a mix.
// The slot being written never holds the latest valid state, so that state survives any tear.
// Arrays handed to Put and returned by Get are not wiped: a key-value store may keep them.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Network;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>An atomic ratchet state store made of two alternating, hashed slots in a key-value store.</summary>
    public sealed class KeyValueRatchetStore : IRatchetStateStore
    {
        /// <summary>The slot format this build writes and reads.</summary>
        public const byte SlotVersion = 1;

        /// <summary>Bytes a slot adds to the state: format, counter and hash.</summary>
        public const int SlotOverhead = 1 + CounterSize + Sha256.HashSize;

        private const int CounterSize = 8;
        private const int NoSlot = -1;

        private readonly IKeyValueStore _store;
        private readonly string _name;
        private readonly string[] _keys;

        // The slot holding the latest valid state and its counter, once known; NoSlot when unknown
        // (never read, or a Put failed and the store must be read again to know what it holds).
        private int _latest = NoSlot;
        private ulong _counter;
        private bool _known;

        /// <summary>Keeps one session's state under the keys <paramref name="name"/>.0 and <paramref name="name"/>.1 of <paramref name="store"/>.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="name"/> is empty.</exception>
        public KeyValueRatchetStore(IKeyValueStore store, string name)
        {
            if (store == null)
            {
                throw Errors.Null("store");
            }
            if (name == null)
            {
                throw Errors.Null("name");
            }
            if (name.Length == 0)
            {
                throw Errors.Range("name");
            }
            _store = store;
            _name = name;
            _keys = new string[] { name + ".0", name + ".1" };
        }

        /// <summary>The key of slot <paramref name="slot"/> (0 or 1) in the key-value store.</summary>
        public string SlotKey(int slot)
        {
            return _keys[slot];
        }

        /// <summary>The state of the valid slot with the higher save counter; null when no valid slot exists yet.</summary>
        /// <exception cref="RatchetException"><see cref="RatchetError.Malformed"/>: both slots exist and neither is valid (damaged storage, not a torn write).</exception>
        public byte[] Load()
        {
            byte[] state;
            Scan(out state);
            return state;
        }

        /// <summary>Writes <paramref name="state"/> to the slot that does not hold the latest state, with the next counter.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="state"/> is null.</exception>
        /// <exception cref="RatchetException">The store is damaged (see <see cref="Load"/>).</exception>
        public void Save(byte[] state)
        {
            if (state == null)
            {
                throw Errors.Null("state");
            }
            if (!_known)
            {
                byte[] ignored;
                Scan(out ignored);
            }
            int target = _latest == 1 ? 0 : 1;
            ulong counter = _counter + 1;
            byte[] slot = new byte[SlotOverhead + state.Length];
            slot[0] = SlotVersion;
            for (int i = 0; i < CounterSize; i++)
            {
                slot[1 + i] = (byte)(counter >> (8 * (CounterSize - 1 - i)));
            }
            System.Array.Copy(state, 0, slot, 1 + CounterSize, state.Length);
            Sha256.Hash(slot, slot.Length - Sha256.HashSize, slot, 0, slot.Length - Sha256.HashSize);
            // Until Put returns, the target slot is in doubt; a failure leaves the cache unknown.
            _known = false;
            _store.Put(_keys[target], slot);
            _latest = target;
            _counter = counter;
            _known = true;
        }

        /// <summary>Removes both slots (unpairing): the next Load returns null.</summary>
        public void Clear()
        {
            _known = false;
            _store.Remove(_keys[0]);
            _store.Remove(_keys[1]);
            _latest = NoSlot;
            _counter = 0;
            _known = true;
        }

        // Reads both slots, remembers the latest valid one and returns its state (null when none).
        private void Scan(out byte[] state)
        {
            byte[] first = _store.Get(_keys[0]);
            byte[] second = _store.Get(_keys[1]);
            ulong firstCounter;
            ulong secondCounter;
            bool firstValid = Valid(first, out firstCounter);
            bool secondValid = Valid(second, out secondCounter);
            if (!firstValid && !secondValid && first != null && second != null)
            {
                throw Errors.RatchetStoreDamaged(_name);
            }
            int latest = NoSlot;
            if (firstValid && (!secondValid || firstCounter > secondCounter))
            {
                latest = 0;
            }
            else if (secondValid)
            {
                latest = 1;
            }
            state = null;
            _latest = latest;
            _counter = 0;
            if (latest != NoSlot)
            {
                byte[] slot = latest == 0 ? first : second;
                _counter = latest == 0 ? firstCounter : secondCounter;
                state = new byte[slot.Length - SlotOverhead];
                System.Array.Copy(slot, 1 + CounterSize, state, 0, state.Length);
            }
            _known = true;
        }

        private static bool Valid(byte[] slot, out ulong counter)
        {
            counter = 0;
            if (slot == null || slot.Length <= SlotOverhead || slot[0] != SlotVersion)
            {
                return false;
            }
            byte[] hash = new byte[Sha256.HashSize];
            int hashed = slot.Length - Sha256.HashSize;
            Sha256.Hash(hash, 0, slot, 0, hashed);
            if (!CryptoBytes.ConstantTimeEquals(hash, 0, slot, hashed, Sha256.HashSize))
            {
                return false;
            }
            for (int i = 0; i < CounterSize; i++)
            {
                counter = (counter << 8) | slot[1 + i];
            }
            return true;
        }
    }
}
