// When the beacon sends its position after a panic or duress alert (docs/location.md, "Tracking"):
// update n is due at start + n x interval, for n = 1 up to Total (location.track_min minutes over
// location.track_s seconds). Numbers follow the schedule, so an update missed while the beacon
// was off or busy is skipped, not sent late: the next one carries a higher number and the
// recipient sees the gap. The plan ends after the last update, when its owner cancels (never for
// a duress alert: a cancel forced from the owner must not end it), or when a recipient asks.
// It runs on UTC milliseconds (the combined clock, ClockSources), so it survives a restart: the
// start, the interval, the total, the last number taken and the duress flag are one checked record
// under "location.tracking" (Storage/CheckedRecord), written at the start and at each update, and
// removed at the end. A damaged record ends the plan and sets WasDamaged. Updates themselves go
// through the outbox like any alert, so none that was taken is lost, and they leave in order.
using Session.Core.Micro.Network;
using SessionBeacon.Storage;

namespace SessionBeacon.Location
{
    /// <summary>The schedule of tracking updates after a panic or duress alert, kept across restarts.</summary>
    public sealed class TrackingPlan
    {
        /// <summary>The key of the record in the key-value store.</summary>
        public const string Key = "location.tracking";

        private const byte Format = 1;
        private const byte DuressFlag = 1;
        private const int FieldsSize = 1 + 8 + 4 + 4 + 4 + 1;
        private const long MsPerSecond = 1000;

        private readonly IKeyValueStore _store;
        private readonly int _intervalSeconds;
        private readonly int _total;
        private long _startUtc;
        private long _intervalMs;

        /// <summary>
        /// A plan of updates every <paramref name="intervalSeconds"/> for <paramref name="durationMinutes"/> (0: none),
        /// continuing the plan whose record <paramref name="store"/> holds, if any.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="store"/> is null.</exception>
        /// <exception cref="System.ArgumentException">The interval is not positive, or the duration is negative.</exception>
        public TrackingPlan(IKeyValueStore store, int intervalSeconds, int durationMinutes)
        {
            if (store == null)
            {
                throw Errors.Null("store");
            }
            if (intervalSeconds <= 0)
            {
                throw Errors.Range("intervalSeconds", "must be positive");
            }
            if (durationMinutes < 0)
            {
                throw Errors.Range("durationMinutes", "must not be negative");
            }
            _store = store;
            _intervalSeconds = intervalSeconds;
            _total = durationMinutes * 60 / intervalSeconds;
            Load();
        }

        /// <summary>True while updates are to be sent.</summary>
        public bool IsActive { get; private set; }

        /// <summary>True when the running plan follows a duress alert (the owner's cancel does not end it).</summary>
        public bool IsDuress { get; private set; }

        /// <summary>The number of the running plan's last update.</summary>
        public int Total { get; private set; }

        /// <summary>The number of the last update taken (0 before the first).</summary>
        public int LastNumber { get; private set; }

        /// <summary>True when a record was on flash at start but failed its checks (the plan it held was ended).</summary>
        public bool WasDamaged { get; private set; }

        /// <summary>When the next update is due, UTC ms; <see cref="long.MaxValue"/> when the plan is not active.</summary>
        public long NextAt
        {
            get { return IsActive ? _startUtc + (LastNumber + 1) * _intervalMs : long.MaxValue; }
        }

        /// <summary>
        /// Starts a plan at <paramref name="utcNow"/>, the time of the panic or duress alert, numbering from 1
        /// again (a new alert restarts a running plan). Nothing starts when the duration holds no update.
        /// </summary>
        public void Start(long utcNow, bool duress)
        {
            if (_total == 0)
            {
                return;
            }
            IsActive = true;
            IsDuress = duress;
            Total = _total;
            LastNumber = 0;
            _startUtc = utcNow;
            _intervalMs = _intervalSeconds * MsPerSecond;
            Save();
        }

        /// <summary>
        /// The number of the update due at <paramref name="utcNow"/>, or 0 when none is. Past the last
        /// update's slot the plan ends. Call <see cref="Taken"/> once the update is in the outbox.
        /// </summary>
        public int Due(long utcNow)
        {
            if (!IsActive || utcNow < _startUtc)
            {
                return 0;
            }
            long slot = (utcNow - _startUtc) / _intervalMs;
            if (slot > Total)
            {
                End();
                return 0;
            }
            return slot > LastNumber ? (int)slot : 0;
        }

        /// <summary>Records that update <paramref name="number"/> (from <see cref="Due"/>) is written; after the last one the plan ends.</summary>
        /// <exception cref="System.ArgumentException">The number is not after the last one taken, or past <see cref="Total"/>.</exception>
        public void Taken(int number)
        {
            if (!IsActive || number <= LastNumber || number > Total)
            {
                throw Errors.Range("number", "must be an update Due returned");
            }
            LastNumber = number;
            if (number == Total)
            {
                End();
                return;
            }
            Save();
        }

        /// <summary>
        /// Ends the plan. The owner's cancel (<paramref name="byOwner"/>) does not end a duress plan: a cancel may be forced.
        /// </summary>
        /// <returns>True when the plan ended (or none was running); false for the owner's cancel of a duress plan.</returns>
        public bool Stop(bool byOwner)
        {
            if (IsActive && IsDuress && byOwner)
            {
                return false;
            }
            End();
            return true;
        }

        /// <summary>"Tracking 3/15", and "Tracking 15/15 (last)" for the last update.</summary>
        public string Title(int number)
        {
            return "Tracking " + number.ToString() + "/" + Total.ToString() + (number == Total ? " (last)" : "");
        }

        private void End()
        {
            IsActive = false;
            _store.Remove(Key);
        }

        private void Save()
        {
            byte[] record = CheckedRecord.New(FieldsSize);
            record[0] = Format;
            CheckedRecord.PutLong(record, 1, _startUtc);
            CheckedRecord.PutInt(record, 9, (int)(_intervalMs / MsPerSecond));
            CheckedRecord.PutInt(record, 13, Total);
            CheckedRecord.PutInt(record, 17, LastNumber);
            record[21] = IsDuress ? DuressFlag : (byte)0;
            _store.Put(Key, CheckedRecord.Seal(record));
        }

        private void Load()
        {
            byte[] record = _store.Get(Key);
            if (record == null)
            {
                return;
            }
            int interval = 0;
            int total = 0;
            int last = -1;
            bool intact = CheckedRecord.IsIntact(record, FieldsSize) && record[0] == Format && record[21] <= DuressFlag;
            if (intact)
            {
                interval = CheckedRecord.GetInt(record, 9);
                total = CheckedRecord.GetInt(record, 13);
                last = CheckedRecord.GetInt(record, 17);
            }
            if (interval <= 0 || total <= 0 || last < 0 || last >= total)
            {
                WasDamaged = true;
                End();
                return;
            }
            IsActive = true;
            IsDuress = record[21] == DuressFlag;
            Total = total;
            LastNumber = last;
            _startUtc = CheckedRecord.GetLong(record, 1);
            _intervalMs = interval * MsPerSecond;
        }
    }
}
