using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using SessionBeacon.Config;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// What the user does to the simulated board, for the main loop. Two ways in: typed lines (scripts,
    /// tests; InputLine says what each means), ended by "quit" or by the end of the input; or, at a
    /// terminal, the space bar is the button: holding it makes the terminal repeat the key, and the
    /// button counts as released once no repeat has come for ReleaseAfterMs (a little more than a
    /// terminal's first repeat delay); q quits.
    /// </summary>
    public sealed class DeviceInput
    {
        public const int ReleaseAfterMs = 650;

        public enum Kind { Line, ButtonDown, ButtonUp, Quit, End }

        /// <summary>A typed line to play, a key's button edge at its time, quit, or the end of the input.</summary>
        public sealed record Entry(Kind What, InputLine Line, long Time);

        private readonly ConcurrentQueue<Entry> _entries = new ConcurrentQueue<Entry>();
        private readonly DeviceClock _clock;
        private readonly SensorSetting[] _sensors;
        private readonly bool _gps;
        private readonly TextWriter _error;
        private int _badLines;

        /// <summary>Inputs for a board with <paramref name="sensors"/>, and a GPS module when <paramref name="gps"/> (else gps lines are bad lines).</summary>
        public DeviceInput(DeviceClock clock, SensorSetting[] sensors, bool gps, TextWriter error)
        {
            _gps = gps;
            _clock = clock;
            _sensors = sensors;
            _error = error;
        }

        /// <summary>Typed lines that were not inputs (each got its error line).</summary>
        public int BadLines => Volatile.Read(ref _badLines);

        public bool TryTake(out Entry entry) => _entries.TryDequeue(out entry);

        /// <summary>Reads typed lines on a background thread; a bad line gets one error line naming its number and is skipped.</summary>
        public void StartLines(TextReader input)
        {
            var thread = new Thread(() =>
            {
                int number = 0;
                string text;
                while ((text = ReadLine(input)) != null)
                {
                    number++;
                    InputLine line = InputLine.Parse(text, _sensors, out string problem);
                    if (line != null && !_gps && (line.What == InputLine.Kind.Gps || line.What == InputLine.Kind.GpsLost))
                    {
                        line = null;
                        problem = "'" + text.Trim() + "': the board profile has no GPS module; add gps.rx and gps.tx to its board.conf (docs/boards.md)";
                    }
                    if (problem != null)
                    {
                        Interlocked.Increment(ref _badLines);
                        _error.WriteLine("beacon run: line " + number + ": " + problem);
                    }
                    else if (line != null && line.What == InputLine.Kind.Quit)
                    {
                        _entries.Enqueue(new Entry(Kind.Quit, line, 0));
                        return;
                    }
                    else if (line != null)
                    {
                        _entries.Enqueue(new Entry(Kind.Line, line, 0));
                    }
                }
                _entries.Enqueue(new Entry(Kind.End, null, 0));
            }) { IsBackground = true, Name = "device input" };
            thread.Start();
        }

        /// <summary>Reads the keyboard: space is the button, q quits.</summary>
        public void StartKeys()
        {
            var thread = new Thread(() =>
            {
                bool down = false;
                long lastKey = 0;
                while (true)
                {
                    if (!Console.KeyAvailable)
                    {
                        if (down && _clock.Now - lastKey > ReleaseAfterMs)
                        {
                            down = false;
                            _entries.Enqueue(new Entry(Kind.ButtonUp, null, lastKey + 50));
                        }
                        Thread.Sleep(10);
                        continue;
                    }
                    ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                    if (key.KeyChar == 'q')
                    {
                        _entries.Enqueue(new Entry(Kind.Quit, null, _clock.Now));
                        return;
                    }
                    if (key.Key == ConsoleKey.Spacebar)
                    {
                        lastKey = _clock.Now;
                        if (!down)
                        {
                            down = true;
                            _entries.Enqueue(new Entry(Kind.ButtonDown, null, lastKey));
                        }
                    }
                }
            }) { IsBackground = true, Name = "device keys" };
            thread.Start();
        }

        // A failed read is the end of the input as far as the device is concerned.
        private static string ReadLine(TextReader input)
        {
            try
            {
                return input.ReadLine();
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
