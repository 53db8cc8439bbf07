using System;
using System.Collections.Generic;
using Session.Core.Micro.Network;
using SessionBeacon.Delivery;

namespace SessionBeacon.Harness.Delivery
{
    /// <summary>
    /// The app's ServiceNodeAlertSender with desktop hooks for tracing: a call before and after each
    /// store, and every attempt (recipient, receipt or error) kept for the caller to show.
    /// </summary>
    public sealed class TracingAlertSender : IAlertSender
    {
        private readonly ServiceNodeAlertSender _inner;
        private readonly List<SendAttempt> _attempts = new List<SendAttempt>();

        /// <summary>Traces <paramref name="inner"/>'s stores.</summary>
        public TracingAlertSender(ServiceNodeAlertSender inner)
        {
            ArgumentNullException.ThrowIfNull(inner);
            _inner = inner;
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
            _inner.Send(recipientSessionId, payload, ttlMs);
            var attempt = new SendAttempt(recipientSessionId, _inner.LastReceipt, _inner.LastError);
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
