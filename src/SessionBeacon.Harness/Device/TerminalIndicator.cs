using System;
using SessionBeacon.Hardware;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// The simulated board's LED or buzzer: each change is a line naming what it shows, such as
    /// "LED on (delivered)" or "LED off (panic pending)"; an off keeps the name of the on before it.
    /// </summary>
    public sealed class TerminalIndicator : IIndicator
    {
        private readonly string _name;
        private readonly Func<string> _showing;
        private readonly Action<string> _write;
        private bool _on;
        private string _shown;

        /// <param name="name">"LED" or "buzzer".</param>
        /// <param name="showing">What a switch on shows now: a feedback pattern's name, or the pending panic's light.</param>
        /// <param name="write">Where the lines go.</param>
        public TerminalIndicator(string name, Func<string> showing, Action<string> write)
        {
            _name = name;
            _showing = showing;
            _write = write;
        }

        public void Set(bool on)
        {
            // A pattern may start while the pending panic's light is on: the same level, but something else shown.
            string shown = on ? _showing() : _shown;
            if (on == _on && shown == _shown)
            {
                return;
            }
            _on = on;
            _shown = shown;
            _write(_name + (on ? " on" : " off") + " (" + shown + ")");
        }
    }
}
