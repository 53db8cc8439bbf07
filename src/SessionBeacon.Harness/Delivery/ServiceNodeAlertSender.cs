using System;
using System.Collections.Generic;
using Session.Core.Micro.Network;
using SessionBeacon.Delivery;

namespace SessionBeacon.Harness.Delivery
{
    /// <summary>
    /// The outbox's network seam over the core's ServiceNodeClient: a store through onion requests,
    /// delivered only with a receipt carrying at least k verified swarm signatures. Every attempt is
    /// kept (recipient, receipt or error) for the caller to show.
    /// </summary>
    public sealed class ServiceNodeAlertSender : IAlertSender
    {
        private readonly ServiceNodeClient _client;
        private readonly int _requiredSignatures;
        private readonly List<SendAttempt> _attempts = new List<SendAttempt>();

        /// <summary>A sender over <paramref name="client"/> needing <paramref name="requiredSignatures"/> verified signatures.</summary>
        public ServiceNodeAlertSender(ServiceNodeClient client, int requiredSignatures)
        {
            ArgumentNullException.ThrowIfNull(client);
            ArgumentOutOfRangeException.ThrowIfLessThan(requiredSignatures, 1);
            _client = client;
            _requiredSignatures = requiredSignatures;
        }

        /// <summary>Every send so far, oldest first.</summary>
        public IReadOnlyList<SendAttempt> Attempts => _attempts;

        /// <summary>Called before each store with the recipient (for a caller that watches the network).</summary>
        public Action<string> BeforeSend { get; set; }

        /// <summary>Called after each store with its outcome.</summary>
        public Action<SendAttempt> AfterSend { get; set; }

        public bool Send(string recipientSessionId, byte[] payload, long ttlMs)
        {
            BeforeSend?.Invoke(recipientSessionId);
            SendAttempt attempt;
            try
            {
                StoreReceipt receipt = _client.Store(recipientSessionId, payload, ttlMs, _requiredSignatures);
                attempt = new SendAttempt(recipientSessionId, receipt, null);
            }
            catch (ServiceNodeException failed)
            {
                attempt = new SendAttempt(recipientSessionId, null, failed.Message);
            }
            _attempts.Add(attempt);
            AfterSend?.Invoke(attempt);
            return attempt.Delivered;
        }
    }

    /// <summary>One store: its receipt, or why it failed.</summary>
    public sealed record SendAttempt(string Recipient, StoreReceipt Receipt, string Error)
    {
        public bool Delivered => Receipt != null && Receipt.IsSuccess;
    }
}
