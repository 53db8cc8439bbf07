// A demo recipient's inbox: the Listener of 'listen', polled until the message a scene expects
// shows, within the demo's network limit. The messages shown before are looked at first, in order,
// and a message found is not looked at again. A poll the network did not answer is polled again, as
// the app polls again: on a loaded machine one retrieve in many runs out of attempts, and the demo
// fails for the network only when it did not answer until the limit ran out.
using System;
using System.Diagnostics;
using System.Threading;
using SessionBeacon.Harness.Receiver;

namespace SessionBeacon.Harness.Demo
{
    /// <summary>One demo recipient's inbox, polled until an expected message shows or the network limit runs out.</summary>
    internal sealed class DemoInbox
    {
        // The pause before the next poll, whether the network answered or not.
        private const int PauseMs = 200;

        private readonly string _name;
        private readonly Listener _listener;
        private readonly TimeSpan _limit;
        private int _read;

        /// <param name="name">The recipient's name, for the failures.</param>
        /// <param name="limit">How long a message may take to show.</param>
        public DemoInbox(string name, Listener listener, TimeSpan limit)
        {
            _name = name;
            _listener = listener;
            _limit = limit;
        }

        /// <summary>The first message not looked at yet that is <paramref name="expected"/>; null with the reason in <paramref name="failure"/> when none came.</summary>
        /// <param name="what">The message, for the failure ("a hello").</param>
        public Listener.Message Await(string what, Func<Listener.Message, bool> expected, out string failure)
        {
            var limit = Stopwatch.StartNew();
            bool answered = true;
            while (limit.Elapsed < _limit)
            {
                answered = _listener.Poll();
                for (int m = _read; m < _listener.Shown.Count; m++)
                {
                    Listener.Message message = _listener.Shown[m];
                    if (expected(message))
                    {
                        _read = m + 1;
                        failure = null;
                        return message;
                    }
                }
                if (_listener.Problems > 0)
                {
                    failure = _name + "'s receiver could not open or acknowledge a message";
                    return null;
                }
                Thread.Sleep(PauseMs);
            }
            failure = answered ? _name + "'s receiver did not get " + what + " within " + _limit.TotalSeconds + " s" : _name + "'s receiver could not reach the network";
            return null;
        }
    }
}
