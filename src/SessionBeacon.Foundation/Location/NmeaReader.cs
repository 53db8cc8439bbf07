// Reads the NMEA 0183 sentences a GPS module sends on its serial line and keeps the latest position
// fix (docs/gps.md). Fed bytes in pieces of any size, as a UART hands them over: a sentence may arrive
// split across reads, and whatever lies between sentences (binary messages such as u-blox UBX,
// line noise, a cut-off line) is skipped. A sentence is "$", an address of a two-letter talker and a
// three-letter type, comma-separated fields, "*" and two hex digits (the XOR of every byte between
// "$" and "*"), then CR or LF. Read:
// - GGA: time of day, position, fix quality, satellites used, HDOP;
// - RMC: time of day, status (A valid, V not), position, date, and from NMEA 2.3 the mode
//   indicator (N no fix);
// - GSA: fix type (1 none, 2 2D, 3 3D), PDOP and HDOP;
// from the talkers GP (GPS), GL (GLONASS), GA (Galileo), BD and GB (BeiDou), QZ (QZSS) and GN (more
// than one system). Everything else (other types, other talkers, proprietary "$P" sentences) is
// skipped after its checksum.
// Rejected: a sentence without "*hh" (NMEA 0183 makes the checksum mandatory for these sentences,
// every receiver sends it, and without it a sentence cannot be told from noise that happens to start
// with "$"), a wrong checksum, a byte outside printable ASCII, more than MaxFields fields, a line
// longer than MaxLineLength bytes (NMEA 0183's limit is 82 with "$" and CR LF; some receivers'
// NMEA 4.x sentences pass it a little), and a GGA, RMC or GSA whose fields do not parse.
// One epoch: a receiver sends a GGA and an RMC for each fix with the same time of day, in either
// order (u-blox RMC first, MediaTek GGA first; of several GGAs the first); the two are combined, GGA giving quality, satellites
// and HDOP, RMC the date (so UtcMillis) and its own verdict: an RMC of the epoch that says V or N
// withdraws the fix. A GSA belongs to the epoch in progress; fix type 1 withdraws the fix too.
// Quality 7 (manual input) and 8 (simulator), and the RMC modes M and S, are never a fix: they are
// not where the receiver is.
// After construction nothing is allocated per sentence (the line buffer and field table are fixed);
// LatestFix allocates one GpsFix when the fix changed since its last call. Integers only: no floating
// point, which nanoCLR emulates slowly and prints differently from .NET (docs/portable-csharp.md §5).
namespace SessionBeacon.Location
{
    /// <summary>An NMEA 0183 stream reader that keeps the latest fix and the latest valid RMC time.</summary>
    public sealed class NmeaReader
    {
        /// <summary>The longest line kept, from "$" to the checksum's last digit; a longer one is discarded.</summary>
        public const int MaxLineLength = 120;

        /// <summary><see cref="FixDimension"/> before any GSA.</summary>
        public const int UnknownDimension = 0;

        private const int NotInLine = -1;

        private static readonly int s_gga = NmeaFields.Code('G', 'G', 'A');
        private static readonly int s_rmc = NmeaFields.Code('R', 'M', 'C');
        private static readonly int s_gsa = NmeaFields.Code('G', 'S', 'A');

        private readonly byte[] _line = new byte[MaxLineLength];
        private readonly NmeaFields _fields;

        // The line being collected: its length, or NotInLine while waiting for the next '$'.
        private int _length = NotInLine;

        // The epoch in progress: the time of day its sentences carry (-1 when they carried none).
        private long _epoch = -1;
        private bool _fixed;
        private bool _changed;
        private bool _ggaOfEpoch;
        private int _latitudeE7;
        private int _longitudeE7;
        private int _quality;
        private int _satellites = -1;
        private int _hdopCenti = -1;
        private long _utcMillis = -1;
        private GpsFix _built;

        private long _clockMillis = -1;
        private bool _clockFresh;

        /// <summary>A reader with no fix.</summary>
        public NmeaReader()
        {
            _fields = new NmeaFields(_line);
        }

        /// <summary>Whether the latest epoch is a fix.</summary>
        public bool HasFix => _fixed;

        /// <summary>The fix type of the latest GSA: 1 none, 2 2D, 3 3D; <see cref="UnknownDimension"/> before any.</summary>
        public int FixDimension { get; private set; }

        /// <summary>The position dilution of precision of the latest GSA, in hundredths, or -1 when unknown.</summary>
        public int PdopCenti { get; private set; } = -1;

        /// <summary>Sentences whose checksum verified (of any type and talker).</summary>
        public int Accepted { get; private set; }

        /// <summary>Lines rejected: no or wrong checksum, not printable, too long, too many fields, or a GGA, RMC or GSA that did not parse.</summary>
        public int Rejected { get; private set; }

        /// <summary>Reads <paramref name="count"/> bytes of the stream; a sentence may continue in the next call.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="System.ArgumentException">The range lies outside <paramref name="data"/>.</exception>
        public void Feed(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw Errors.Null(nameof(data));
            }
            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw Errors.Range(nameof(count), "must lie inside data");
            }
            for (int end = offset + count; offset < end; offset++)
            {
                byte b = data[offset];
                if (b == '$')
                {
                    // A '$' inside a line means the line was cut; the new sentence starts here.
                    RejectOpenLine();
                    _line[0] = b;
                    _length = 1;
                }
                else if (_length == NotInLine)
                {
                    // Between sentences: a binary message, noise or the rest of a discarded line.
                }
                else if (b == '\r' || b == '\n')
                {
                    Sentence();
                    _length = NotInLine;
                }
                else if (b < 0x20 || b > 0x7E || _length == MaxLineLength)
                {
                    RejectOpenLine();
                }
                else
                {
                    _line[_length++] = b;
                }
            }
        }

        /// <summary>The latest fix, or null while there is none. Allocates only when the fix changed since the last call.</summary>
        public GpsFix LatestFix()
        {
            if (!_fixed)
            {
                return null;
            }
            if (_changed || _built == null)
            {
                _built = new GpsFix(_latitudeE7, _longitudeE7, _hdopCenti, _satellites, _quality, _utcMillis);
                _changed = false;
            }
            return _built;
        }

        /// <summary>
        /// The time of the latest valid RMC (status A, a mode other than N), Unix milliseconds UTC, once: true only the
        /// first time after each such RMC, so a caller can pair it with its own clock's reading when it arrived.
        /// </summary>
        public bool TakeTime(out long utcMillis)
        {
            utcMillis = _clockMillis;
            bool fresh = _clockFresh;
            _clockFresh = false;
            return fresh;
        }

        private void RejectOpenLine()
        {
            if (_length != NotInLine)
            {
                Rejected++;
                _length = NotInLine;
            }
        }

        // A complete line in _line[0.._length): checks its checksum and talker, then reads it.
        private void Sentence()
        {
            int star = _length - 3;
            if (star < 1 || _line[star] != '*' || !Checksum(star))
            {
                Rejected++;
                return;
            }
            if (!_fields.Split(star))
            {
                Rejected++;
                return;
            }
            if (Read())
            {
                Accepted++;
            }
            else
            {
                Rejected++;
            }
        }

        // Reads a GGA, RMC or GSA of a known talker; false when its fields do not parse. Others are skipped.
        private bool Read()
        {
            if (!KnownTalker(_line[1], _line[2]))
            {
                return true;
            }
            int type = _fields.Type();
            if (type == s_gga)
            {
                return Gga();
            }
            if (type == s_rmc)
            {
                return Rmc();
            }
            return type != s_gsa || Gsa();
        }

        private bool Checksum(int star)
        {
            int sum = 0;
            for (int i = 1; i < star; i++)
            {
                sum ^= _line[i];
            }
            int high = Hex(_line[star + 1]);
            int low = Hex(_line[star + 2]);
            return high >= 0 && low >= 0 && (high << 4 | low) == sum;
        }

        private static int Hex(byte b)
        {
            if (b >= '0' && b <= '9')
            {
                return b - '0';
            }
            if (b >= 'A' && b <= 'F')
            {
                return b - 'A' + 10;
            }
            return b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
        }

        private static bool KnownTalker(byte first, byte second)
        {
            switch (first)
            {
                case (byte)'G':
                    return second == 'P' || second == 'N' || second == 'L' || second == 'A' || second == 'B';
                case (byte)'B':
                    return second == 'D';
                case (byte)'Q':
                    return second == 'Z';
                default:
                    return false;
            }
        }

        // $--GGA,time,lat,N,lon,E,quality,satellites,hdop,altitude,M,...
        private bool Gga()
        {
            long time = _fields.TimeOfDay(1);
            long quality = _fields.Fixed(6, 0);
            long satellites = _fields.Fixed(7, 0);
            long hdop = _fields.Fixed(8, 2);
            bool hasLatitude;
            bool hasLongitude;
            int latitude = _fields.Degrees(2, 90, out hasLatitude);
            int longitude = _fields.Degrees(4, 180, out hasLongitude);
            if (time < -1 || quality < 0 || quality > 9 || satellites < -1 || satellites > 99 || hdop < -1 || hdop > 99999
                || (_fields.Length(2) > 0 && !hasLatitude) || (_fields.Length(4) > 0 && !hasLongitude))
            {
                return false;
            }
            bool sameEpoch = StartEpoch(time);
            if (sameEpoch && _ggaOfEpoch)
            {
                // The epoch's first GGA counts: SiRFstar V sends a GPGGA and then a GLGGA of the GLONASS satellites alone.
                return true;
            }
            _ggaOfEpoch = true;
            if (quality == 0 || quality >= 7 || !hasLatitude || !hasLongitude)
            {
                Withdraw();
                return true;
            }
            if (sameEpoch && !_fixed)
            {
                // The epoch's RMC, read first, said there is no fix.
                return true;
            }
            Store(latitude, longitude, (int)quality);
            _satellites = (int)satellites;
            _hdopCenti = (int)hdop;
            return true;
        }

        // $--RMC,time,status,lat,N,lon,E,speed,course,date,variation,E[,mode[,navigation status]]
        private bool Rmc()
        {
            long time = _fields.TimeOfDay(1);
            byte status = _fields.First(2);
            long date = _fields.Date(9);
            byte mode = _fields.First(12);
            bool hasLatitude;
            bool hasLongitude;
            int latitude = _fields.Degrees(3, 90, out hasLatitude);
            int longitude = _fields.Degrees(5, 180, out hasLongitude);
            if (time < -1 || date < -1 || (status != 'A' && status != 'V') || _fields.Length(2) != 1
                || (_fields.Length(3) > 0 && !hasLatitude) || (_fields.Length(5) > 0 && !hasLongitude))
            {
                return false;
            }
            bool valid = status == 'A' && mode != 'N' && mode != 'M' && mode != 'S' && hasLatitude && hasLongitude;
            bool sameEpoch = StartEpoch(time);
            if (!valid)
            {
                Withdraw();
                return true;
            }
            if (time >= 0 && date >= 0)
            {
                _clockMillis = date + time;
                _clockFresh = true;
                if (_utcMillis != _clockMillis)
                {
                    _utcMillis = _clockMillis;
                    _changed = true;
                }
            }
            if (!sameEpoch || !_ggaOfEpoch)
            {
                // No GGA of this epoch yet: the RMC's position; its mode tells differential (D) apart, the GGA the rest.
                Store(latitude, longitude, mode == 'D' ? 2 : 1);
                _satellites = -1;
                _hdopCenti = -1;
            }
            return true;
        }

        // $--GSA,selection,fix type,12 satellite ids,pdop,hdop,vdop[,system id]
        private bool Gsa()
        {
            long type = _fields.Fixed(2, 0);
            long pdop = _fields.Fixed(15, 2);
            long hdop = _fields.Fixed(16, 2);
            if (type < 1 || type > 3 || pdop < -1 || pdop > 99999 || hdop < -1 || hdop > 99999)
            {
                return false;
            }
            FixDimension = (int)type;
            PdopCenti = (int)pdop;
            if (type == 1)
            {
                Withdraw();
            }
            else if (_fixed && _hdopCenti < 0 && hdop >= 0)
            {
                _hdopCenti = (int)hdop;
                _changed = true;
            }
            return true;
        }

        // Moves to the epoch of time (time of day in ms, or -1 when the sentence gave none); true when already in it.
        private bool StartEpoch(long time)
        {
            if (time >= 0 && time == _epoch)
            {
                return true;
            }
            _epoch = time;
            _ggaOfEpoch = false;
            _utcMillis = -1;
            _fixed = false;
            return false;
        }

        private void Store(int latitudeE7, int longitudeE7, int quality)
        {
            _latitudeE7 = latitudeE7;
            _longitudeE7 = longitudeE7;
            _quality = quality;
            _fixed = true;
            _changed = true;
        }

        private void Withdraw()
        {
            _fixed = false;
            _changed = true;
        }
    }
}
