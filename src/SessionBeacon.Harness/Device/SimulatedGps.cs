using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using SessionBeacon.App;
using SessionBeacon.Location;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// The GPS module of a simulated board (docs/gps.md): NMEA sentences go through the firmware's own
    /// NmeaReader, as GpsUart feeds it on a board, and the beacon reads it at each of its steps
    /// (Beacon.ReadGps). Two sources: 'gps' lines of a script (the module sends a GGA and an RMC of that
    /// fix, or of no fix, at every poll, stamped with the device's clock: the satellites' time is the
    /// simulated world's), or a recorded log replayed at its own pace ('beacon run --nmea'): each line is
    /// due when as much device time has passed since the first poll as its epoch (the time of its GGA or
    /// RMC) is after the log's first; a gps line ends the replay. Silent until one of them says something.
    /// </summary>
    public sealed class SimulatedGps
    {
        private const int Satellites = 8;

        private List<(long Offset, byte[] Bytes)> _log;
        private int _next;
        private long _start = -1;
        private string _where;
        private string _hdop;
        private bool _lost;

        public SimulatedGps()
        {
        }

        private SimulatedGps(List<(long, byte[])> log)
        {
            _log = log;
        }

        /// <summary>The firmware's reader of what the module sent.</summary>
        public NmeaReader Reader { get; } = new NmeaReader();

        /// <summary>
        /// A module that replays the NMEA log <paramref name="path"/> (a receiver's output, lines ending in LF or CR LF;
        /// lines starting with # are skipped).
        /// </summary>
        /// <exception cref="IOException">The file cannot be read.</exception>
        /// <exception cref="FormatException">The file holds no GGA or RMC sentence with a time of day.</exception>
        public static SimulatedGps Replay(string path)
        {
            var log = new List<(long, byte[])>();
            long first = -1;
            long offset = 0;
            foreach (string line in File.ReadAllLines(path, Encoding.Latin1))
            {
                if (line.StartsWith('#'))
                {
                    continue;
                }
                long time = TimeOfDay(line);
                if (time >= 0)
                {
                    first = first < 0 ? time : first;
                    // A log that runs past midnight UTC goes on counting.
                    offset = time - first + (time < first ? 86_400_000 : 0);
                }
                log.Add((offset, Encoding.Latin1.GetBytes(line + "\r\n")));
            }
            if (first < 0)
            {
                throw new FormatException(path + " holds no GGA or RMC sentence with a time of day: not an NMEA log of a GPS receiver");
            }
            return new SimulatedGps(log);
        }

        /// <summary>From now on the module has a fix at these coordinates (1e-7 degrees), about <paramref name="accuracyMetres"/> accurate.</summary>
        public void Fix(int latitudeE7, int longitudeE7, int accuracyMetres)
        {
            // Accuracy is HDOP x PositionText.UereMetres: the HDOP that gives this accuracy, in hundredths.
            int hdop = accuracyMetres * 100 / PositionText.UereMetres;
            _log = null;
            _where = Angle(latitudeE7, 2, 'N', 'S') + "," + Angle(longitudeE7, 3, 'E', 'W');
            _hdop = (hdop / 100) + "." + (hdop % 100).ToString("00", CultureInfo.InvariantCulture);
            _lost = false;
        }

        /// <summary>From now on the module has no fix (it has lost the sky) and says so.</summary>
        public void Lose()
        {
            _log = null;
            _lost = true;
            _where = null;
        }

        /// <summary>Feeds what the module has sent up to <paramref name="now"/> (device time) and lets <paramref name="beacon"/> (when not null) read it.</summary>
        public void Poll(long now, Beacon beacon)
        {
            if (_log != null)
            {
                _start = _start < 0 ? now : _start;
                for (; _next < _log.Count && _log[_next].Offset <= now - _start; _next++)
                {
                    Reader.Feed(_log[_next].Bytes, 0, _log[_next].Bytes.Length);
                }
            }
            else if (_where != null || _lost)
            {
                byte[] epoch = Encoding.ASCII.GetBytes(Epoch(now));
                Reader.Feed(epoch, 0, epoch.Length);
            }
            beacon?.ReadGps(Reader, now);
        }

        // A GGA and an RMC of the fix, or of no fix, at the time now.
        private string Epoch(long now)
        {
            DateTimeOffset utc = DateTimeOffset.FromUnixTimeMilliseconds(now);
            string time = utc.ToString("HHmmss.ff", CultureInfo.InvariantCulture);
            string date = utc.ToString("ddMMyy", CultureInfo.InvariantCulture);
            if (_where == null)
            {
                return Sentence("GPGGA," + time + ",,,,,0,00,,,M,,M,,") + Sentence("GPRMC," + time + ",V,,,,,,," + date + ",,,N");
            }
            return Sentence("GPGGA," + time + "," + _where + ",1," + Satellites.ToString("00", CultureInfo.InvariantCulture) + "," + _hdop + ",0.0,M,0.0,M,,")
                + Sentence("GPRMC," + time + ",A," + _where + ",0.00,0.00," + date + ",,,A");
        }

        // "4404.1305888,N": degrees and minutes with 7 decimals, exact for 1e-7 degrees (minutes x 1e7 = the remainder x 60).
        private static string Angle(int e7, int degreeDigits, char positive, char negative)
        {
            long magnitude = Math.Abs((long)e7);
            long minutesE7 = magnitude % 10_000_000 * 60;
            return (magnitude / 10_000_000).ToString(new string('0', degreeDigits), CultureInfo.InvariantCulture)
                + (minutesE7 / 10_000_000).ToString("00", CultureInfo.InvariantCulture) + "."
                + (minutesE7 % 10_000_000).ToString("0000000", CultureInfo.InvariantCulture) + "," + (e7 < 0 ? negative : positive);
        }

        private static string Sentence(string body)
        {
            int sum = 0;
            foreach (char c in body)
            {
                sum ^= c;
            }
            return "$" + body + "*" + sum.ToString("X2", CultureInfo.InvariantCulture) + "\r\n";
        }

        // The time of day of a GGA or RMC line in ms, else -1.
        private static long TimeOfDay(string line)
        {
            int dollar = line.IndexOf('$');
            if (dollar < 0 || line.Length < dollar + 14 || !(line.AsSpan(dollar + 3, 3) is "GGA" or "RMC") || line[dollar + 6] != ',')
            {
                return -1;
            }
            string field = line.Substring(dollar + 7, Math.Max(0, line.IndexOf(',', dollar + 7) - dollar - 7));
            if (field.Length < 6 || !int.TryParse(field.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int h)
                || !int.TryParse(field.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int m)
                || !decimal.TryParse(field.AsSpan(4), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal s))
            {
                return -1;
            }
            return (h * 3600 + m * 60) * 1000L + (long)(s * 1000);
        }
    }
}
