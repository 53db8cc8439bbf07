using System.Collections;
using Session.Core.Micro.Network;
using Session.Core.Micro.Onion;
using SessionBeacon.Arming;

// The device's network seam of the outbox: a store through the core's ServiceNodeClient (onion
// requests), counted as delivered only with a receipt carrying at least k verified signatures of
// distinct members of the recipient's swarm as the seed's list gives it (the beacon's k is 2,
// Beacon.RequiredSignatures; a swarm of one needs its one). The last store's receipt or error stays readable for a caller that shows it.
// Pre-arming: the first send of a payload may use a prepared store request (a flash alert offered
// with Offer: nothing left to compute, the bytes go straight to the transport) or armed onion keys
// (ArmedSlots); retries build fresh requests. A prepared request is used once, then forgotten.
// Offer comes from the input thread at a press, Send from the network thread (docs/architecture.md,
// "Two threads"): the list of offered requests has a lock of its own; everything else is the
// network thread's.
namespace SessionBeacon.Delivery
{
    /// <summary>Stores alert payloads in the recipients' swarms through ServiceNodeClient.</summary>
    public sealed class ServiceNodeAlertSender : IAlertSender
    {
        private readonly ServiceNodeClient _client;
        private readonly int _requiredSignatures;
        private StoreReceipt _lastReceipt;
        private string _lastError;
        private ArmedSlots _armed;
        private readonly ArrayList _prepared = new ArrayList();

        /// <summary>A sender over <paramref name="client"/> needing <paramref name="requiredSignatures"/> verified signatures.</summary>
        public ServiceNodeAlertSender(ServiceNodeClient client, int requiredSignatures)
        {
            if (client == null)
            {
                throw Errors.Null("client");
            }
            if (requiredSignatures < 1)
            {
                throw Errors.Range("requiredSignatures", "must be at least 1");
            }
            _client = client;
            _requiredSignatures = requiredSignatures;
        }

        /// <summary>Armed onion slots for the first attempt of each store (pre-arming); null for none.</summary>
        public ArmedSlots Armed
        {
            get { return _armed; }
            set { _armed = value; }
        }

        /// <summary>The last store's receipt; null when it failed or nothing was sent yet.</summary>
        public StoreReceipt LastReceipt
        {
            get { return _lastReceipt; }
        }

        /// <summary>Why the last store failed (no secrets), also when its receipt had too few signatures; null when it succeeded.</summary>
        public string LastError
        {
            get { return _lastError; }
        }

        /// <summary>
        /// Keeps the prepared store requests of <paramref name="alert"/> (added to the outbox with
        /// Outbox.Add) for the first send of each of its payloads.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">alert is null.</exception>
        public void Offer(PreparedAlert alert)
        {
            if (alert == null)
            {
                throw Errors.Null("alert");
            }
            lock (_prepared)
            {
                for (int i = 0; i < alert.RecipientCount; i++)
                {
                    _prepared.Add(alert.Store(i));
                }
            }
        }

        /// <summary>Prepared requests offered and not yet sent.</summary>
        public int PreparedCount
        {
            get
            {
                lock (_prepared)
                {
                    return _prepared.Count;
                }
            }
        }

        /// <summary>
        /// Stores <paramref name="payload"/>: through an offered prepared request that carries exactly these
        /// bytes when there is one (used once), else through ServiceNodeClient.Store with an armed onion slot
        /// for the first attempt when one is ready.
        /// </summary>
        /// <returns>True only with a receipt of at least k verified swarm signatures.</returns>
        public bool Send(string recipientSessionId, byte[] payload, long ttlMs)
        {
            _lastReceipt = null;
            _lastError = null;
            try
            {
                PreparedStore prepared = TakePrepared(recipientSessionId, payload);
                if (prepared != null)
                {
                    _lastReceipt = _client.Store(prepared, _requiredSignatures);
                }
                else
                {
                    OnionKeys keys = _armed == null ? null : _armed.TakeOnion(recipientSessionId);
                    _lastReceipt = _client.Store(recipientSessionId, payload, ttlMs, _requiredSignatures, keys);
                }
            }
            catch (ServiceNodeException failed)
            {
                _lastError = failed.Message;
                return false;
            }
            if (!_lastReceipt.IsSuccess)
            {
                _lastError = "too few verified signatures: " + _lastReceipt.VerifiedCount.ToString() + " of the "
                    + _lastReceipt.RequiredCount.ToString() + " needed from distinct members of the recipient's swarm";
            }
            return _lastReceipt.IsSuccess;
        }

        // The offered request that stores exactly this payload, removed from the list; used ones are dropped on the way.
        private PreparedStore TakePrepared(string recipientSessionId, byte[] payload)
        {
            lock (_prepared)
            {
                for (int i = _prepared.Count - 1; i >= 0; i--)
                {
                    PreparedStore prepared = (PreparedStore)_prepared[i];
                    if (prepared.IsUsed)
                    {
                        _prepared.RemoveAt(i);
                    }
                    else if (prepared.Carries(recipientSessionId, payload))
                    {
                        _prepared.RemoveAt(i);
                        return prepared;
                    }
                }
                return null;
            }
        }
    }
}
