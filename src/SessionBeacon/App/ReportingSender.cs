// The outbox's sender as the beacon uses it: ServiceNodeAlertSender, with every verified store
// noted (recipient and receipt), so the beacon can tell per recipient what was stored where.
using System.Collections;
using Session.Core.Micro.Network;
using SessionBeacon.Delivery;

namespace SessionBeacon.App
{
    /// <summary>Sends through a ServiceNodeAlertSender and keeps the receipts of successful stores until taken.</summary>
    internal sealed class ReportingSender : IAlertSender
    {
        private readonly ServiceNodeAlertSender _inner;
        private readonly ArrayList _stored = new ArrayList();

        internal ReportingSender(ServiceNodeAlertSender inner)
        {
            _inner = inner;
        }

        public bool Send(string recipientSessionId, byte[] payload, long ttlMs)
        {
            bool delivered = _inner.Send(recipientSessionId, payload, ttlMs);
            if (delivered)
            {
                _stored.Add(recipientSessionId);
                _stored.Add(_inner.LastReceipt);
            }
            return delivered;
        }

        /// <summary>The recipients and receipts of the stores since the last call, as pairs: recipient ID, StoreReceipt, ...</summary>
        internal object[] Take()
        {
            object[] taken = _stored.ToArray();
            _stored.Clear();
            return taken;
        }

        /// <summary>Why the last send failed, or null.</summary>
        internal string LastError
        {
            get { return _inner.LastError; }
        }
    }
}
