using System;
using System.Collections.Generic;
using System.Linq;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using SessionBeacon.Delivery;

namespace SessionBeacon.Tests.Support
{
    /// <summary>
    /// The recipients' swarms as the outbox sees them: a store keeps a message under its hash, so the
    /// same bytes sent twice are one message (the swarm answers "already"), as a real storage node does.
    /// </summary>
    internal sealed class FakeSwarms : IAlertSender
    {
        private readonly Dictionary<string, Dictionary<string, byte[]>> _stored = new Dictionary<string, Dictionary<string, byte[]>>();

        /// <summary>Every send, in order: recipient and payload.</summary>
        public List<(string Recipient, byte[] Payload)> Sends { get; } = new List<(string, byte[])>();

        /// <summary>Sends to these recipients fail (no receipt) until removed.</summary>
        public HashSet<string> Unreachable { get; } = new HashSet<string>();

        public bool Send(string recipientSessionId, byte[] payload, long ttlMs)
        {
            Sends.Add((recipientSessionId, (byte[])payload.Clone()));
            if (Unreachable.Contains(recipientSessionId) || ttlMs <= 0)
            {
                return false;
            }
            if (!_stored.TryGetValue(recipientSessionId, out var messages))
            {
                _stored[recipientSessionId] = messages = new Dictionary<string, byte[]>();
            }
            messages[MessageHash.Compute(recipientSessionId, 0, payload)] = (byte[])payload.Clone();
            return true;
        }

        /// <summary>What the recipient's Session app shows: every stored message, opened with its keys.</summary>
        public List<IncomingMessage> Displayed(string recipientSessionId, Session.Core.Micro.Identity.IdentityKeys keys)
        {
            if (!_stored.TryGetValue(recipientSessionId, out var messages))
            {
                return new List<IncomingMessage>();
            }
            var receiver = new MessageReceiver(keys);
            return messages.Values.Select(receiver.Open).ToList();
        }

        public byte[][] PayloadsSentTo(string recipient)
        {
            return Sends.Where(send => send.Recipient == recipient).Select(send => send.Payload).ToArray();
        }
    }
}
