// The beacon's own inbox (docs/ratchet.md for acknowledgements): polled through onion requests at
// nf.config's inbox.poll_s. An acknowledgement from a paired companion receiver means help was
// reached; a plain message from a configured recipient is a reply (a person read the alert).
// Messages from anyone else are not shown: anybody can write to a Session ID. A secure message from
// a receiver whose pairing is lost cannot be opened, and is told as a problem, not shown as a reply.
// A message is looked at once: the hashes of recent ones are remembered, because the swarm member
// asked next may not know the cursor of the last one; those from recipients and paired receivers
// also on flash (HandledMessages), so a reboot neither shows them again nor takes an
// acknowledgement handled before it for a replay.
// Anyone who knows the beacon's Session ID can store in its inbox (namespace 0 takes unsigned
// stores; docs/threat-model.md). So the inbox is read in pages that fit the device's reply buffer
// (docs/protocol.md §3.3: max_size and max_count), one page per call, up to MaxPagesPerPoll per poll,
// following one member's cursor while it says there is more; the next poll goes on where this one
// stopped. The caller sends what became due between two pages, so an alert waits for one page at
// most, not for the whole poll. Junk
// then delays an acknowledgement by a few polls instead of blocking the inbox. A single message
// bigger than a page (which a node returns all the same) is read past without its data, told as a
// problem and skipped: nothing a recipient sends is that large.
using System;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Config;

namespace SessionBeacon.App
{
    /// <summary>Reads the beacon's inbox for acknowledgements and replies.</summary>
    public sealed class Inbox
    {
        /// <summary>How many message hashes are remembered.</summary>
        public const int SeenCapacity = 64;

        /// <summary>The largest reply cap of any board (docs/heap.md), until the board's is set in <see cref="MaxReplyBytes"/>.</summary>
        public const int DefaultReplyBytes = 48 * 1024;

        /// <summary>Pages read per poll at most: each is an onion request and its reading (seconds on the device).</summary>
        public const int MaxPagesPerPoll = 4;

        private readonly ServiceNodeClient _client;
        private readonly IdentityKeys _identity;
        private readonly MessageReceiver _receiver;
        private readonly BeaconConfig _config;
        private int _maxReplyBytes = DefaultReplyBytes;
        private readonly RatchetPairings _pairings;
        private readonly HandledMessages _handled;
        private readonly string[] _seen = new string[SeenCapacity];
        private int _seenNext;
        private string _pagingFrom;
        private int _pagesRead;

        /// <summary>The largest reply the device's transport reads, the board's reply cap (BoardProfile.ReplyCapBytes): each page fits it.</summary>
        /// <exception cref="System.ArgumentException">The value is not positive.</exception>
        public int MaxReplyBytes
        {
            get
            {
                return _maxReplyBytes;
            }
            set
            {
                if (value <= 0)
                {
                    throw Errors.Range("MaxReplyBytes", "must be positive");
                }
                _maxReplyBytes = value;
            }
        }

        /// <summary>
        /// An inbox of <paramref name="identity"/> that recognises the recipients of <paramref name="config"/> and the
        /// receivers of <paramref name="pairings"/>, and keeps the messages it handled in <paramref name="store"/>.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public Inbox(ServiceNodeClient client, IdentityKeys identity, BeaconConfig config, RatchetPairings pairings, IKeyValueStore store)
        {
            if (client == null) { throw Errors.Null("client"); }
            if (identity == null) { throw Errors.Null("identity"); }
            if (config == null) { throw Errors.Null("config"); }
            if (pairings == null) { throw Errors.Null("pairings"); }
            if (store == null) { throw Errors.Null("store"); }
            _client = client;
            _identity = identity;
            _receiver = new MessageReceiver(identity);
            _config = config;
            _pairings = pairings;
            _handled = new HandledMessages(store);
        }

        /// <summary>
        /// Retrieves one page of new messages and turns them into HelpReached, Reply and Problem events appended to
        /// <paramref name="events"/>.
        /// </summary>
        /// <returns>True when this poll reads another page: call again once what is due was sent.</returns>
        /// <exception cref="ServiceNodeException">The inbox could not be read (only at a poll's first page).</exception>
        /// <exception cref="System.Exception">The flash write of a handled message failed (the store's exception).</exception>
        public bool Poll(long now, System.Collections.ArrayList events)
        {
            string from = _pagingFrom;
            _pagingFrom = null;
            int page = _pagesRead;
            // A poll ends here unless it reads another page, even when this one throws.
            _pagesRead = 0;
            RetrieveResult result;
            try
            {
                result = _client.Retrieve(_identity.SessionId, _identity.Ed25519SecretKey, 0, MaxReplyBytes, from);
            }
            catch (ServiceNodeException)
            {
                if (page == 0)
                {
                    throw;
                }
                // What the earlier pages held is read; the next poll asks the same member again.
                _pagingFrom = from;
                return false;
            }
            ReadPage(result, now, events);
            if (!result.More)
            {
                return false;
            }
            _pagingFrom = result.Node;
            if (page + 1 == MaxPagesPerPoll)
            {
                return false;
            }
            _pagesRead = page + 1;
            return true;
        }

        private void ReadPage(RetrieveResult result, long now, System.Collections.ArrayList events)
        {
            for (int i = 0; i < result.Count; i++)
            {
                RetrievedMessage message = result.Message(i);
                if (Seen(message.Hash))
                {
                    continue;
                }
                Remember(message.Hash);
                if (message.IsSkipped)
                {
                    // Larger than a page can hold, so no recipient's acknowledgement or reply: the cursor has moved past it.
                    events.Add(new BeaconEvent(BeaconEventKind.Problem, now, BeaconEvent.NoAlert, null,
                        "inbox: a message of " + message.Size.ToString() + " bytes, larger than the device reads, skipped"));
                    continue;
                }
                if (_handled.Contains(message.Hash))
                {
                    continue;
                }
                IncomingMessage opened;
                try
                {
                    opened = _receiver.Open(message.Data);
                }
                catch (Exception)
                {
                    // Not for us or damaged: nothing a person with the beacon could act on.
                    continue;
                }
                Read(opened, message.Hash, now, events);
            }
        }

        private void Read(IncomingMessage message, string hash, long now, System.Collections.ArrayList events)
        {
            int peer = _pairings.PeerOf(message);
            if (peer >= 0 && RatchetCarriage.IsRatchetMessage(message))
            {
                bool begunBefore = _handled.WasBegun(hash);
                if (!begunBefore)
                {
                    _handled.Begin(hash);
                }
                try
                {
                    RatchetContent content = _pairings.Link(peer).Open(message);
                    bool ack = content.Kind == RatchetContentKind.Acknowledgement;
                    events.Add(new BeaconEvent(ack ? BeaconEventKind.HelpReached : BeaconEventKind.Reply, now, BeaconEvent.NoAlert, _config.Recipients[peer].Name,
                        ack ? "acknowledged alert " + Sequences(content.Acknowledged) : content.Text));
                }
                catch (RatchetException refused)
                {
                    // This same stored message was opened before a power cut took the result: the
                    // ratchet's duplicate is the beacon's own open. Any other message is reported.
                    if (!begunBefore || refused.Error != RatchetError.Duplicate)
                    {
                        events.Add(new BeaconEvent(BeaconEventKind.Problem, now, BeaconEvent.NoAlert, _config.Recipients[peer].Name, refused.Message));
                    }
                }
                _handled.Done(hash);
                return;
            }
            int from = _config.RecipientIndex(message.SenderSessionId);
            if (from >= 0 && _pairings.IsLost(message.SenderSessionId) && RatchetCarriage.IsRatchetMessage(message))
            {
                events.Add(new BeaconEvent(BeaconEventKind.Problem, now, BeaconEvent.NoAlert, _config.Recipients[from].Name,
                    "a secure message from the receiver cannot be opened: the pairing is lost; pair the receiver again"));
                _handled.Done(hash);
                return;
            }
            if (from >= 0 && message.Body != null)
            {
                events.Add(new BeaconEvent(BeaconEventKind.Reply, now, BeaconEvent.NoAlert, _config.Recipients[from].Name, message.Body));
                _handled.Done(hash);
            }
        }

        private bool Seen(string hash)
        {
            for (int i = 0; i < _seen.Length; i++)
            {
                if (_seen[i] == hash)
                {
                    return true;
                }
            }
            return false;
        }

        private void Remember(string hash)
        {
            _seen[_seenNext] = hash;
            _seenNext = (_seenNext + 1) % _seen.Length;
        }

        private static string Sequences(uint[] sequences)
        {
            string text = "";
            for (int i = 0; i < sequences.Length; i++)
            {
                text += (i == 0 ? "#" : ", #") + sequences[i].ToString();
            }
            return text;
        }
    }
}
