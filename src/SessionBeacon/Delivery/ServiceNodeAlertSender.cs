using Session.Core.Micro.Network;
using Session.Core.Micro.Onion;
using SessionBeacon.Arming;

// The device's network seam of the outbox: a store through the core's ServiceNodeClient (onion
// requests), counted as delivered only with a receipt carrying at least k verified swarm
// signatures. The last store's receipt or error stays readable for a caller that shows it.
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

        /// <summary>Why the last store failed (no secrets); null when it returned a receipt.</summary>
        public string LastError
        {
            get { return _lastError; }
        }

        public bool Send(string recipientSessionId, byte[] payload, long ttlMs)
        {
            _lastReceipt = null;
            _lastError = null;
            try
            {
                OnionKeys keys = _armed == null ? null : _armed.TakeOnion(recipientSessionId);
                _lastReceipt = _client.Store(recipientSessionId, payload, ttlMs, _requiredSignatures, keys);
            }
            catch (ServiceNodeException failed)
            {
                _lastError = failed.Message;
                return false;
            }
            return _lastReceipt.IsSuccess;
        }
    }
}
