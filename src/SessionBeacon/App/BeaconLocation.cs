// Where the beacon is, for its alerts (docs/location.md): what the GPS module sent (NmeaReader), the
// last known fix on flash (LastFixStore), the tracking plan (TrackingPlan) and the UTC time from the
// network's clock and the GPS (ClockSources). Input side only (docs/architecture.md, "Two threads"):
// Beacon.Step and Beacon.ReadGps call it on the input thread, and everything here is integer work
// and a few short strings, cheap enough between a press and its alert on flash; the flash writes
// (the last fix at most every 10 minutes, the tracking plan at its start and at each update) are
// LastFixStore's and TrackingPlan's, and the caller catches what they throw.
// A fix's age: the reader keeps its fix until the module says otherwise, so a module that falls
// silent (unplugged, switched off) would leave it "current" for ever; here a fix counts from the
// last time the module sent anything while it had that fix, measured on Step's steady clock, and
// ages from then: past PositionText.CurrentMaxAgeMs it is the last known position. A fix read from
// flash (before a restart) has only its UTC time, so its age needs the UTC time now.
// No tracking on a board without a GPS: every update would only say there is no GPS.
using Session.Core.Micro.Network;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Location;

namespace SessionBeacon.App
{
    /// <summary>The position lines of alerts, and the tracking updates after a panic or duress alert.</summary>
    internal sealed class BeaconLocation
    {
        /// <summary>The reply that ends tracking, from any recipient or companion receiver (any case, spaces around it allowed).</summary>
        internal const string StopReply = "stop";

        // Step's wake while tracking and no clock knows the UTC time: look again this often.
        private const long NoTimeRetryMs = 10000;

        private const long NotThisRun = long.MinValue;

        private readonly LocationSettings _settings;
        private readonly bool _hasGps;
        private readonly LastFixStore _lastFix;
        private readonly TrackingPlan _tracking;
        private int _accepted = -1;
        private long _fixAt = NotThisRun;
        private long _gpsUtc = -1;
        private long _gpsAt;

        internal BeaconLocation(LocationSettings settings, bool hasGps, IKeyValueStore store)
        {
            _settings = settings;
            _hasGps = hasGps;
            _lastFix = new LastFixStore(store);
            _tracking = new TrackingPlan(store, settings.TrackSeconds, settings.TrackMinutes);
        }

        /// <summary>True when the last fix on flash failed its checks at start (it was forgotten).</summary>
        internal bool LastFixWasDamaged
        {
            get { return _lastFix.WasDamaged; }
        }

        /// <summary>True when the tracking plan on flash failed its checks at start (it was ended).</summary>
        internal bool TrackingWasDamaged
        {
            get { return _tracking.WasDamaged; }
        }

        /// <summary>True while tracking updates are due.</summary>
        internal bool IsTracking
        {
            get { return _tracking.IsActive; }
        }

        /// <summary>True while tracking after a duress alert runs (the device must show nothing of it).</summary>
        internal bool IsDuressTracking
        {
            get { return _tracking.IsActive && _tracking.IsDuress; }
        }

        /// <summary>True when a reply's <paramref name="text"/> asks tracking to stop (<see cref="StopReply"/>).</summary>
        internal static bool IsStopReply(string text)
        {
            return text != null && text.Trim().ToLower() == StopReply;
        }

        /// <summary>
        /// Takes what <paramref name="reader"/> read since the last call, at <paramref name="now"/> on Step's clock:
        /// the RMC time, and the fix if the module sent anything since. Throws what the flash write of the fix throws
        /// (the fix is taken in memory first).
        /// </summary>
        internal void Read(NmeaReader reader, long now)
        {
            long utc;
            if (reader.TakeTime(out utc))
            {
                _gpsUtc = utc;
                _gpsAt = now;
            }
            if (reader.Accepted == _accepted)
            {
                return;
            }
            _accepted = reader.Accepted;
            GpsFix fix = reader.LatestFix();
            if (fix != null)
            {
                _fixAt = now;
                _lastFix.Offer(fix, now);
            }
        }

        /// <summary>The UTC time now, Unix ms, from the network's clock and the GPS (ClockSources); -1 when neither knows it.</summary>
        internal long UtcNow(bool networkKnown, long networkNow, long now)
        {
            TimeSource source;
            long difference;
            return ClockSources.Now(networkKnown, networkNow, _gpsUtc, _gpsAt, now, out source, out difference);
        }

        /// <summary>
        /// What an alert of <paramref name="kind"/> carries after its body: "" when location.mode leaves the position
        /// out, else a line feed and the position's lines (PositionText), or the line that says why there is none.
        /// </summary>
        internal string Lines(AlertKind kind, long now, long utcNow)
        {
            if (!_settings.Includes(kind == AlertKind.Panic || kind == AlertKind.Duress))
            {
                return "";
            }
            return "\n" + (_hasGps ? PositionText.Lines(_lastFix.Fix, Age(now, utcNow)) : PositionText.NoGpsText);
        }

        /// <summary>
        /// Starts tracking after a panic or duress alert at <paramref name="utcNow"/> (a new alert restarts it); false when
        /// it cannot: no GPS, or no time known. Nothing starts when location.track_min is 0.
        /// </summary>
        internal bool StartTracking(bool duress, long utcNow)
        {
            if (!_hasGps || utcNow < 0)
            {
                return false;
            }
            _tracking.Start(utcNow, duress);
            return true;
        }

        /// <summary>Ends tracking (TrackingPlan.Stop): false for the owner's cancel of tracking after a duress alert, which goes on.</summary>
        internal bool StopTracking(bool byOwner)
        {
            return _tracking.Stop(byOwner);
        }

        /// <summary>The number of the update due at <paramref name="utcNow"/>, or 0 (TrackingPlan.Due).</summary>
        internal int Due(long utcNow)
        {
            return utcNow < 0 ? 0 : _tracking.Due(utcNow);
        }

        /// <summary>
        /// Update <paramref name="number"/>'s first line, "Tracking 3/15: Position: ...", and in <paramref name="after"/> what
        /// follows its number line: the map link and the geo: URI after a line feed, or "" without a fix.
        /// </summary>
        internal string Update(int number, long now, long utcNow, out string after)
        {
            GpsFix fix = _lastFix.Fix;
            after = fix == null ? "" : "\n" + PositionText.Links(fix);
            return _tracking.Title(number) + ": " + PositionText.Headline(fix, Age(now, utcNow));
        }

        /// <summary>Records that update <paramref name="number"/> is in the outbox (TrackingPlan.Taken).</summary>
        internal void Taken(int number)
        {
            _tracking.Taken(number);
        }

        /// <summary>When, on Step's clock, the next update is due; Beacon.Never when none is.</summary>
        internal long NextWake(long now, long utcNow)
        {
            if (!_tracking.IsActive)
            {
                return Beacon.Never;
            }
            if (utcNow < 0)
            {
                return now + NoTimeRetryMs;
            }
            long wait = _tracking.NextAt - utcNow;
            return wait <= 0 ? now : now + wait;
        }

        // How old the fix is at now; negative when that cannot be told.
        private long Age(long now, long utcNow)
        {
            GpsFix fix = _lastFix.Fix;
            if (fix == null)
            {
                return -1;
            }
            if (_fixAt != NotThisRun)
            {
                return now - _fixAt;
            }
            return utcNow < 0 || utcNow < fix.UtcMillis ? -1 : utcNow - fix.UtcMillis;
        }
    }
}
