using System;
using System.IO;
using SessionBeacon.Hardware;

namespace SessionBeacon.Harness.Device
{
    /// <summary>The simulated board's LED or buzzer: each change is a line in the terminal ("LED on", "LED off").</summary>
    public sealed class TerminalIndicator : IIndicator
    {
        private readonly string _name;
        private readonly TextWriter _output;
        private readonly Func<long> _now;
        private bool _on;

        public TerminalIndicator(string name, TextWriter output, Func<long> now)
        {
            _name = name;
            _output = output;
            _now = now;
        }

        public void Set(bool on)
        {
            if (on == _on)
            {
                return;
            }
            _on = on;
            lock (_output)
            {
                _output.WriteLine(DeviceOutput.Stamp(_now()) + _name + (on ? " on" : " off"));
            }
        }
    }
}
