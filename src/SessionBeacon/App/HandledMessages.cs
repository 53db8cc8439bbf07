// The inbox's memory, on flash, of the messages it has acted on (docs/ratchet.md, "In the beacon
// app"). A swarm keeps messages for 14 days and a member the beacon has not asked before returns
// all of them, so after a reboot the inbox meets messages it already handled. An acknowledgement
// opened again would be refused by the ratchet as a duplicate and look like a replay; a reply
// would be shown twice. Only messages from configured recipients and paired receivers are kept:
// anyone can write to a Session ID, and strangers must not wear out the flash or push out entries.
//
// Per message: Begin (the message is being opened), then the ratchet saves its state, then Done.
// A power cut between the ratchet's save and Done leaves the message "begun": after the reboot its
// ratchet key is gone, and a Duplicate refusal of that same stored message is the beacon's own
// earlier open, not a replay (its result was lost with the power; docs/ratchet.md, "Persistence").
//
// Record, format 1, 1,044 bytes: format (1) | entries (1) | next entry (1) | begun (1: 0 or 1) |
// begun message (16) | 64 entries (16 each). A message is the first 16 bytes of the SHA-256 of its
// swarm hash. The record is written whole to two alternating, hashed slots by the core's
// KeyValueRatchetStore: the atomic write a ratchet state needs, nothing in it is ratchet-specific.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;

namespace SessionBeacon.App
{
    /// <summary>The messages the inbox has acted on, kept on flash across reboots.</summary>
    internal sealed class HandledMessages
    {
        /// <summary>Messages remembered; the oldest is forgotten first.</summary>
        internal const int Capacity = 64;

        /// <summary>The store name of the record (keys "inbox.handled.0" and ".1").</summary>
        internal const string StoreName = "inbox.handled";

        private const int DigestSize = 16;
        private const byte Format = 1;
        private const int HeaderSize = 4;
        private const int RecordSize = HeaderSize + DigestSize + Capacity * DigestSize;

        private readonly KeyValueRatchetStore _slots;
        private readonly byte[] _record = new byte[RecordSize];

        /// <summary>Loads the record from <paramref name="store"/>; a damaged one counts as empty, so it never stops a boot.</summary>
        internal HandledMessages(IKeyValueStore store)
        {
            _slots = new KeyValueRatchetStore(store, StoreName);
            byte[] saved;
            try
            {
                saved = _slots.Load();
            }
            catch (RatchetException)
            {
                saved = null;
            }
            if (saved != null && saved.Length == RecordSize && saved[0] == Format && saved[1] <= Capacity && saved[2] < Capacity && saved[3] <= 1)
            {
                System.Array.Copy(saved, _record, RecordSize);
            }
            else
            {
                _record[0] = Format;
            }
        }

        /// <summary>True when the message with swarm hash <paramref name="hash"/> was handled.</summary>
        internal bool Contains(string hash)
        {
            byte[] digest = Digest(hash);
            int count = _record[1];
            for (int i = 0; i < count; i++)
            {
                if (Same(digest, HeaderSize + DigestSize + i * DigestSize))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>True when the message was begun and not done: a power cut came while it was opened.</summary>
        internal bool WasBegun(string hash)
        {
            return _record[3] == 1 && Same(Digest(hash), HeaderSize);
        }

        /// <summary>Records, on flash, that the message is being opened.</summary>
        internal void Begin(string hash)
        {
            System.Array.Copy(Digest(hash), 0, _record, HeaderSize, DigestSize);
            _record[3] = 1;
            _slots.Save(_record);
        }

        /// <summary>Records, on flash, that the message was handled (and ends its Begin).</summary>
        internal void Done(string hash)
        {
            int next = _record[2];
            System.Array.Copy(Digest(hash), 0, _record, HeaderSize + DigestSize + next * DigestSize, DigestSize);
            _record[2] = (byte)((next + 1) % Capacity);
            if (_record[1] < Capacity)
            {
                _record[1]++;
            }
            _record[3] = 0;
            System.Array.Clear(_record, HeaderSize, DigestSize);
            _slots.Save(_record);
        }

        private bool Same(byte[] digest, int offset)
        {
            for (int i = 0; i < DigestSize; i++)
            {
                if (_record[offset + i] != digest[i])
                {
                    return false;
                }
            }
            return true;
        }

        private static byte[] Digest(string hash)
        {
            byte[] full = Sha256.Hash(Utf8.Encode(hash));
            byte[] digest = new byte[DigestSize];
            System.Array.Copy(full, digest, DigestSize);
            return digest;
        }
    }
}
