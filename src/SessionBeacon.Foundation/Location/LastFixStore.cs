// The last valid GPS fix, kept on flash so that an alert after a restart, or indoors where the GPS
// has lost the sky, still says where the beacon last was (docs/location.md, "The last known
// position"). One record under the key "location.last" of the key-value store:
//   format (1) | latitude, longitude, HDOP, satellites, quality (4 each, big-endian) | UTC ms (8) |
//   first 8 bytes of the SHA-256 of everything before                            = 37 bytes
// Storage/CheckedRecord: FileKeyValueStore replaces the file atomically (a power cut leaves the old
// record or the new one), the hash catches bit rot and a foreign or truncated file. A record that
// fails any check is no last fix: WasDamaged says so and the next write replaces it. Never a throw.
// Flash wear: a record is written when the first fix with a date comes after a start, then at most
// once per WriteIntervalMs (10 minutes: at most 144 writes a day, each a file of 45 bytes).
// A fix without a date (UtcMillis -1) is kept in memory only: after a restart its age is unknown.
using Session.Core.Micro.Network;
using SessionBeacon.Storage;

namespace SessionBeacon.Location
{
    /// <summary>The newest valid fix, in memory and, at most every 10 minutes, on flash.</summary>
    public sealed class LastFixStore
    {
        /// <summary>The shortest time between two writes of the record, in ms (flash wear).</summary>
        public const long WriteIntervalMs = 600000;

        /// <summary>The key of the record in the key-value store.</summary>
        public const string Key = "location.last";

        private const byte Format = 1;
        private const int FieldsSize = 1 + 5 * 4 + 8;

        private readonly IKeyValueStore _store;
        private GpsFix _fix;
        private bool _written;
        private long _writtenAt;

        /// <summary>Reads the record from <paramref name="store"/>; a damaged one counts as none and sets <see cref="WasDamaged"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="store"/> is null.</exception>
        public LastFixStore(IKeyValueStore store)
        {
            if (store == null)
            {
                throw Errors.Null("store");
            }
            _store = store;
            byte[] record = store.Get(Key);
            if (record != null)
            {
                _fix = Decode(record);
                WasDamaged = _fix == null;
            }
        }

        /// <summary>The newest fix: the last one offered, else the one read from flash; null when none.</summary>
        public GpsFix Fix
        {
            get { return _fix; }
        }

        /// <summary>True when a record was on flash at start but failed its checks (it was read as no fix).</summary>
        public bool WasDamaged { get; private set; }

        /// <summary>
        /// Takes <paramref name="fix"/> as the newest fix and writes it to flash when it has a date and
        /// no record was written in the last <see cref="WriteIntervalMs"/> since the start.
        /// </summary>
        /// <param name="fix">A valid fix from the GPS.</param>
        /// <param name="now">The device's steady clock, in ms.</param>
        /// <returns>True when the record was written.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="fix"/> is null.</exception>
        public bool Offer(GpsFix fix, long now)
        {
            if (fix == null)
            {
                throw Errors.Null("fix");
            }
            _fix = fix;
            if (fix.UtcMillis <= 0 || (_written && now - _writtenAt < WriteIntervalMs))
            {
                return false;
            }
            _store.Put(Key, Encode(fix));
            _written = true;
            _writtenAt = now;
            return true;
        }

        private static byte[] Encode(GpsFix fix)
        {
            byte[] record = CheckedRecord.New(FieldsSize);
            record[0] = Format;
            CheckedRecord.PutInt(record, 1, fix.LatitudeE7);
            CheckedRecord.PutInt(record, 5, fix.LongitudeE7);
            CheckedRecord.PutInt(record, 9, fix.HdopCenti);
            CheckedRecord.PutInt(record, 13, fix.Satellites);
            CheckedRecord.PutInt(record, 17, fix.Quality);
            CheckedRecord.PutLong(record, 21, fix.UtcMillis);
            return CheckedRecord.Seal(record);
        }

        // The fix in a record, or null when the record fails a check.
        private static GpsFix Decode(byte[] record)
        {
            if (!CheckedRecord.IsIntact(record, FieldsSize) || record[0] != Format)
            {
                return null;
            }
            var fix = new GpsFix(CheckedRecord.GetInt(record, 1), CheckedRecord.GetInt(record, 5), CheckedRecord.GetInt(record, 9),
                CheckedRecord.GetInt(record, 13), CheckedRecord.GetInt(record, 17), CheckedRecord.GetLong(record, 21));
            bool valid = PositionText.IsOnEarth(fix) && fix.HdopCenti >= -1 && fix.Satellites >= -1 && fix.Quality > 0 && fix.UtcMillis > 0;
            return valid ? fix : null;
        }
    }
}
