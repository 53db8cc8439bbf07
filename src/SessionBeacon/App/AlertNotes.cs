// Lines that the next alert carries about what went wrong before it, so that its recipients learn
// it from the message they read anyway (docs/outbox.md, "Damaged records"; docs/ratchet.md, "A
// damaged pairing"): an earlier alert the outbox could not send because its copy on flash was
// damaged, and, while a receiver's pairing is lost with ratchet.on_damage = hold, that the alert
// waits for that receiver. The first kind is kept on flash under "alert.notes" until an alert that
// carries it is on flash itself, so a reboot in between does not lose it. Text only, never a key.
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Network;
using SessionBeacon.Delivery;

namespace SessionBeacon.App
{
    /// <summary>The notes the next alert's text ends with.</summary>
    internal sealed class AlertNotes
    {
        /// <summary>The store key of the notes kept for the next alert.</summary>
        internal const string Key = "alert.notes";

        // Enough for a few lines; an outbox full of damaged alerts adds no more than this.
        private const int MaxBytes = 600;

        /// <summary>The line in place of notes that the flash could not read back.</summary>
        internal const string Unreadable = "Earlier alerts may not have been sent: the beacon's note of them on flash could not be read.";

        private readonly IKeyValueStore _store;
        private readonly string _standing;

        // What the store holds, read once: the press path then reads no flash for notes.
        private byte[] _kept;
        private bool _read;

        /// <summary>Notes kept in <paramref name="store"/>, after <paramref name="standing"/> (lines every alert carries for now, each after a line feed; or "").</summary>
        internal AlertNotes(IKeyValueStore store, string standing)
        {
            _store = store;
            _standing = standing;
        }

        /// <summary>Keeps <paramref name="line"/> for the next alert (it is dropped once the notes fill MaxBytes).</summary>
        internal void Add(string line)
        {
            byte[] kept = Kept();
            byte[] added = Utf8.Encode(line + "\n");
            int length = kept == null ? 0 : kept.Length;
            if (length + added.Length > MaxBytes)
            {
                return;
            }
            byte[] value = new byte[length + added.Length];
            if (kept != null)
            {
                System.Array.Copy(kept, value, length);
            }
            System.Array.Copy(added, 0, value, length, added.Length);
            _store.Put(Key, value);
            _kept = value;
        }

        /// <summary>What the next alert's text ends with: "" when there is nothing to tell, else each line after a line feed.</summary>
        internal string Text()
        {
            string text = _standing;
            byte[] kept = Kept();
            if (kept == null || kept.Length == 0)
            {
                return text;
            }
            // The last line feed is dropped on the bytes: a look at the decoded text's last character
            // would walk the whole string on nanoCLR.
            int length = kept[kept.Length - 1] == (byte)'\n' ? kept.Length - 1 : kept.Length;
            string lines;
            try
            {
                lines = Utf8.Decode(kept, 0, length);
            }
            catch (MalformedDataException)
            {
                // Damaged in the middle of a character: the notes are there, their words are not.
                lines = Unreadable;
            }
            return text + "\n" + lines;
        }

        /// <summary>Forgets the kept notes: an alert that carries them is on flash.</summary>
        internal void Clear()
        {
            if (Kept() == null)
            {
                return;
            }
            _kept = null;
            try
            {
                _store.Remove(Key);
            }
            catch (System.Exception)
            {
                // The alert is on flash already; at worst the notes come again with the next alert after a reboot.
            }
        }

        // The notes on flash. A flash that cannot read them must not stop an alert from being written:
        // the alert then says that notes were lost.
        private byte[] Kept()
        {
            if (!_read)
            {
                _read = true;
                try
                {
                    _kept = _store.Get(Key);
                }
                catch (System.Exception)
                {
                    _kept = Utf8.Encode(Unreadable + "\n");
                }
            }
            return _kept;
        }

        /// <summary>The note for an alert of <paramref name="kind"/> that could not be sent to <paramref name="name"/>.</summary>
        internal static string Lost(AlertKind kind, string name)
        {
            return "An earlier " + KindName(kind) + " alert did not reach " + name + ": its copy on the beacon's flash was damaged.";
        }

        /// <summary>The note for an alert that the flash could not read (it stays there for the next start).</summary>
        internal static string Unread()
        {
            return "An earlier alert could not be read from the beacon's flash and may not have been sent; it is tried again at the next start.";
        }

        /// <summary>The note for an alert of which nothing could be read.</summary>
        internal static string LostUnread()
        {
            return "An earlier alert was not sent: its copy on the beacon's flash was damaged beyond reading.";
        }

        private static string KindName(AlertKind kind)
        {
            switch (kind)
            {
                case AlertKind.Panic: return "panic";
                case AlertKind.Duress: return "duress";
                case AlertKind.Sensor: return "sensor";
                case AlertKind.Tamper: return "tamper";
                case AlertKind.PowerLoss: return "power-loss";
                case AlertKind.LowBattery: return "low-battery";
                case AlertKind.Heartbeat: return "check-in";
                case AlertKind.Tracking: return "tracking";
                default: return "test";
            }
        }
    }
}
