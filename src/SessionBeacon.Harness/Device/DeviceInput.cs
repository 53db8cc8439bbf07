using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Threading;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// What the user does to the simulated board, as timestamped edges for the main loop. Two ways in:
    /// typed lines (for scripts and tests) — "press MS" holds the button MS ms, "tap" is a short press,
    /// "sensor N on|off", "battery PERCENT", "quit"; or, at a terminal, the space bar is the button:
    /// holding it makes the terminal repeat the key, and the button counts as released once no
    /// repeat has come for ReleaseAfterMs (a little more than a terminal's first repeat delay).
    /// </summary>
    public sealed class DeviceInput
    {
        public const int TapMs = 150;
        public const int ReleaseAfterMs = 650;

        public enum Kind { Button, Sensor, Battery, Quit }

        public sealed record Edge(Kind What, int Index, bool Level, int Value, long Time);

        private readonly ConcurrentQueue<Edge> _edges = new ConcurrentQueue<Edge>();
        private readonly Func<long> _now;
        private readonly TextWriter _error;
        private long _lastKey;

        public DeviceInput(Func<long> now, TextWriter error)
        {
            _now = now;
            _error = error;
        }

        public bool TryTake(out Edge edge) => _edges.TryDequeue(out edge);

        /// <summary>
        /// Reads command lines on a background thread. The end of the input only ends the reading: a
        /// device keeps running when nobody touches it (stop it with "quit" or Ctrl-C).
        /// </summary>
        public void StartLines(TextReader input)
        {
            var thread = new Thread(() =>
            {
                string line;
                while ((line = input.ReadLine()) != null)
                {
                    if (!Command(line.Trim()))
                    {
                        return;
                    }
                }
            }) { IsBackground = true, Name = "device input" };
            thread.Start();
        }

        /// <summary>Reads the keyboard: space is the button, q quits.</summary>
        public void StartKeys()
        {
            var thread = new Thread(() =>
            {
                bool down = false;
                while (true)
                {
                    if (!Console.KeyAvailable)
                    {
                        if (down && _now() - _lastKey > ReleaseAfterMs)
                        {
                            down = false;
                            _edges.Enqueue(new Edge(Kind.Button, 0, false, 0, _lastKey + 50));
                        }
                        Thread.Sleep(10);
                        continue;
                    }
                    ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                    if (key.KeyChar == 'q')
                    {
                        _edges.Enqueue(new Edge(Kind.Quit, 0, false, 0, _now()));
                        return;
                    }
                    if (key.Key == ConsoleKey.Spacebar)
                    {
                        _lastKey = _now();
                        if (!down)
                        {
                            down = true;
                            _edges.Enqueue(new Edge(Kind.Button, 0, true, 0, _lastKey));
                        }
                    }
                }
            }) { IsBackground = true, Name = "device keys" };
            thread.Start();
        }

        // One typed command; false to stop reading.
        private bool Command(string line)
        {
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
            {
                return true;
            }
            long now = _now();
            switch (words[0])
            {
                case "press" when words.Length == 2 && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int ms) && ms > 0:
                    Press(now, ms);
                    return true;
                case "tap" when words.Length == 1:
                    Press(now, TapMs);
                    return true;
                case "sensor" when words.Length == 3 && int.TryParse(words[1], out int index) && (words[2] == "on" || words[2] == "off"):
                    _edges.Enqueue(new Edge(Kind.Sensor, index, words[2] == "on", 0, now));
                    return true;
                case "battery" when words.Length == 2 && int.TryParse(words[1], out int percent) && percent >= 0 && percent <= 100:
                    _edges.Enqueue(new Edge(Kind.Battery, 0, false, percent, now));
                    return true;
                case "quit" when words.Length == 1:
                    _edges.Enqueue(new Edge(Kind.Quit, 0, false, 0, now));
                    return false;
                default:
                    _error.WriteLine("unknown input '" + line + "': use press MS, tap, sensor N on|off, battery PERCENT or quit");
                    return true;
            }
        }

        // The whole press is known at once; its release waits in real time so the device sees it as it happens.
        private void Press(long now, int ms)
        {
            _edges.Enqueue(new Edge(Kind.Button, 0, true, 0, now));
            Thread.Sleep(ms);
            _edges.Enqueue(new Edge(Kind.Button, 0, false, 0, now + ms));
        }
    }
}
