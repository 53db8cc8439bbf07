// Which alert gives way when the outbox is full (for days without a network, check-ins pile up):
// a panic must never be refused because the flash is full of routine messages. Lower gives way.
// A tracking update gives way only to panic and duress alerts: a new one says more than an old one,
// and the alert that started the tracking says more than either.
namespace SessionBeacon.Delivery
{
    /// <summary>The order in which queued alerts give way to new ones.</summary>
    public static class AlertPriority
    {
        /// <summary>The priority of <paramref name="kind"/>: 0 (check-in) to 7 (panic, duress).</summary>
        public static int Of(AlertKind kind)
        {
            switch (kind)
            {
                case AlertKind.Heartbeat: return 0;
                case AlertKind.Test: return 1;
                case AlertKind.LowBattery: return 2;
                case AlertKind.PowerLoss: return 3;
                case AlertKind.Sensor: return 4;
                case AlertKind.Tamper: return 5;
                case AlertKind.Tracking: return 6;
                default: return 7;
            }
        }

        /// <summary>
        /// The alert in <paramref name="queued"/> that should give way to a new alert of <paramref name="kind"/>:
        /// the oldest of the lowest priority, if that is below the new one's (or both are check-ins or both
        /// tracking updates, where the newer says more); otherwise null.
        /// </summary>
        public static OutboxRecord GivesWayTo(AlertKind kind, OutboxRecord[] queued)
        {
            OutboxRecord victim = null;
            for (int i = 0; i < queued.Length; i++)
            {
                OutboxRecord r = queued[i];
                if (Of(r.Kind) > Of(kind) || (Of(r.Kind) == Of(kind) && kind != AlertKind.Heartbeat && kind != AlertKind.Tracking))
                {
                    continue;
                }
                if (victim == null || Of(r.Kind) < Of(victim.Kind) || (Of(r.Kind) == Of(victim.Kind) && r.CreatedMs < victim.CreatedMs))
                {
                    victim = r;
                }
            }
            return victim;
        }
    }
}
