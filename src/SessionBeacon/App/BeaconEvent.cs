// One thing that happened in the beacon (see BeaconEventKind), taken by the caller after Step.
using SessionBeacon.Delivery;

namespace SessionBeacon.App
{
    /// <summary>Something the beacon did or saw.</summary>
    public sealed class BeaconEvent
    {
        /// <summary>The Alert of events that are not about one alert.</summary>
        public const AlertKind NoAlert = 0;

        /// <summary>An event of <paramref name="kind"/> at <paramref name="time"/>.</summary>
        public BeaconEvent(BeaconEventKind kind, long time, AlertKind alert, string recipient, string text)
        {
            Kind = kind;
            Time = time;
            Alert = alert;
            Recipient = recipient;
            Text = text;
        }

        /// <summary>What happened.</summary>
        public BeaconEventKind Kind { get; }

        /// <summary>When, on the beacon's local clock (Unix milliseconds).</summary>
        public long Time { get; }

        /// <summary>The alert's kind, for Queued events.</summary>
        public AlertKind Alert { get; }

        /// <summary>The recipient's configured name, or null.</summary>
        public string Recipient { get; }

        /// <summary>Details, or null.</summary>
        public string Text { get; }
    }
}
