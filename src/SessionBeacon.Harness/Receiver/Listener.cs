// A receiver's inbox (the listen command's, and the demo's recipients'): what was handled, the
// ratchet pairing with a beacon, and the program to run per message. Each message, pairing and
// problem is a line on the output it is given (listen --json gives it standard error and writes
// Shown as JSON); the network steps are named for the client's progress lines.
// The inbox is open to anyone who knows its Session ID, so nothing in a message is trusted:
// - every message is handled inside one boundary: one that cannot be opened, or carries a time no
//   date can show, is skipped with its reason printed; nothing in a message ends the loop;
// - the node's cursor moves past a message only once it was handled, and SeenMessages records
//   it, so a crash loses nothing and shows nothing twice without saying so;
// - text is printed through TerminalText; --json and --exec get it exact;
// - a sender is "known" when it is the paired beacon, the beacon the pending pre-key is for, or
//   named with --from; the others are marked "(unknown sender)" and --exec runs only for known
//   senders unless --exec-any.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Harness.Commands;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;

namespace SessionBeacon.Harness.Receiver
{
    /// <summary>One identity's inbox: what was handled, the ratchet pairing, and what to run per message.</summary>
    public sealed class Listener
    {
        // Retrieves per poll while the node says it has more: a node cannot keep one poll going for ever.
        private const int MaxRounds = 10;

        // The last millisecond a date can show (9999-12-31T23:59:59.999Z).
        private static readonly long s_lastMillisecond = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

        private readonly IdentityFolder _folder;
        private readonly TestnetClient _client;
        private readonly HashSet<string> _from;
        private readonly ExecProgram _exec;
        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private readonly SeenMessages _seen;

        /// <param name="from">Session IDs to treat as known senders (--from), lower case.</param>
        /// <param name="exec">The program to run per message, or null.</param>
        public Listener(IdentityFolder folder, TestnetClient client, IEnumerable<string> from, ExecProgram exec, TextWriter output, TextWriter error)
        {
            _folder = folder;
            _client = client;
            _from = new HashSet<string>(from, StringComparer.Ordinal);
            _exec = exec;
            _output = output;
            _error = error;
            _seen = new SeenMessages(folder.SeenPath, folder.HandlingPath);
        }

        /// <summary>
        /// One message shown, as listen --json writes it: <paramref name="Kind"/> "message" (plain v1) or "secure-alert"
        /// (opened with the ratchet), the sender's Session ID and whether the receiver knows it, the message's time
        /// (Unix ms, and as <see cref="Time"/>), its exact text and the hash of its data; a secure alert also has its
        /// sequence number and whether its acknowledgement reached the beacon (null for a plain message).
        /// <paramref name="Repeated"/> is true when an earlier run stopped while handling it (it may have been shown), else null.
        /// </summary>
        public sealed record Message(string Kind, string Sender, bool KnownSender, long Timestamp, string Text, string Hash, uint? Sequence, bool? Acknowledged,
            bool? Repeated)
        {
            /// <summary>The timestamp in ISO 8601 UTC, such as 2025-01-31T09:15:02.123Z.</summary>
            public string Time => DateTimeOffset.FromUnixTimeMilliseconds(Timestamp).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        /// <summary>Every message shown so far, oldest first.</summary>
        public List<Message> Shown { get; } = new List<Message>();

        /// <summary>Messages skipped or not opened, acknowledgements not delivered, and --exec failures, so far.</summary>
        public int Problems { get; private set; }

        /// <summary>Messages new to this inbox so far, shown or not (one that could not be opened counts too).</summary>
        public int Received { get; private set; }

        /// <summary>One retrieve (repeated while the node says there is more); false when the network did not answer.</summary>
        public bool Poll()
        {
            IdentityKeys keys = _client.Keys;
            for (int rounds = 0; rounds < MaxRounds; rounds++)
            {
                RetrieveResult result;
                try
                {
                    _client.Prepare(keys.SessionId, "fetching new messages from the swarm of " + Progress.Short(keys.SessionId));
                    result = _client.Client.Peek(keys.SessionId, keys.Ed25519SecretKey, 0);
                }
                catch (ServiceNodeException failed)
                {
                    _error.WriteLine("listen: the network did not answer: " + TerminalText.Neutralise(failed.Message));
                    return false;
                }
                catch (MalformedDataException malformed)
                {
                    // A member that answers with a broken list: the next poll asks another one.
                    _error.WriteLine("listen: a swarm member's answer was malformed: " + TerminalText.Neutralise(malformed.Message));
                    return false;
                }
                for (int i = 0; i < result.Count; i++)
                {
                    Handle(result.Message(i));
                    _client.Client.MoveCursor(result, i);
                }
                if (!result.More)
                {
                    break;
                }
            }
            return true;
        }

        private void Handle(RetrievedMessage message)
        {
            // Named by the hash of what was received, not by what the node calls it.
            string hash = MessageHash.Compute(_client.Keys.SessionId, 0, message.Data);
            if (_seen.Contains(hash))
            {
                return;
            }
            Received++;
            bool repeated = _seen.WasInterrupted(hash);
            _seen.Begin(hash);
            try
            {
                Show(message.Data, hash, repeated);
            }
            catch (Exception failed) when (failed is not IOException && failed is not UnauthorizedAccessException)
            {
                // The boundary: whatever a message makes the code below throw, the loop goes on. Only the
                // receiver's own files failing (IOException) stops listen, with this message unfinished.
                Skip("message " + hash, "it could not be handled (" + failed.GetType().Name + ": " + failed.Message + ")");
            }
            _seen.Finish(hash);
        }

        private void Show(byte[] data, string hash, bool repeated)
        {
            IncomingMessage opened;
            try
            {
                opened = new MessageReceiver(_client.Keys).Open(data);
            }
            catch (MessageException refused)
            {
                Skip("message " + hash, "it could not be opened: " + refused.Message);
                return;
            }
            if (opened.Kind == IncomingMessageKind.Version2)
            {
                _output.WriteLine("message " + hash + ": a Session Protocol v2 message, which listen does not read (not shown)");
                return;
            }
            string sender = opened.SenderSessionId;
            if (opened.Timestamp < 1 || opened.Timestamp > s_lastMillisecond)
            {
                Skip("message " + hash + " from " + sender, "its timestamp " + opened.Timestamp + " (Unix ms) is not a date");
                return;
            }
            bool known = IsKnown(sender);
            string from = "from " + sender + Marks(known, repeated);
            if (opened.Kind != IncomingMessageKind.DataMessage)
            {
                _output.WriteLine(Time(opened.Timestamp) + "  " + from + "  (" + opened.Kind + ", no text)");
                return;
            }
            if (RatchetCarriage.IsRatchetMessage(opened))
            {
                OpenRatchet(opened, hash, known, repeated);
                return;
            }
            string body = opened.Body ?? "";
            _output.WriteLine(Time(opened.Timestamp) + "  " + from + ": " + TerminalText.Neutralise(body));
            Keep(new Message("message", sender, known, opened.Timestamp, body, hash, null, null, repeated ? true : null));
        }

        private void OpenRatchet(IncomingMessage opened, string hash, bool known, bool repeated)
        {
            string sender = opened.SenderSessionId;
            string line = Time(opened.Timestamp) + "  from " + sender + Marks(known, repeated) + ": ";
            RatchetLink link;
            RatchetContent content;
            try
            {
                link = LinkFor(opened, line, out content);
            }
            catch (RatchetException refused)
            {
                Problems++;
                _output.WriteLine(line + "a SessionBeacon secure alert that could not be opened: " + TerminalText.Neutralise(refused.Message));
                return;
            }
            if (link == null)
            {
                return;
            }
            if (content.Kind != RatchetContentKind.Alert)
            {
                _output.WriteLine(line + "a SessionBeacon " + content.Kind + " (" + content.Sequence + ")");
                return;
            }
            // Only the paired beacon's signature opens the pairing (RatchetError.NotPeer otherwise): a known sender.
            _output.WriteLine(Time(opened.Timestamp) + "  SECURE ALERT " + content.Sequence + " from beacon " + sender + Marks(true, repeated)
                + ": " + TerminalText.Neutralise(content.Text));
            bool acknowledged = Acknowledge(link, sender, content.Sequence);
            Keep(new Message("secure-alert", sender, true, opened.Timestamp, content.Text, hash, content.Sequence, acknowledged, repeated ? true : null));
        }

        // The pairing that opens this message: the saved one, or a new one from the pending pre-key (made and
        // saved here, the pre-key secret then deleted); null when there is none for this sender (said on line).
        private RatchetLink LinkFor(IncomingMessage opened, string line, out RatchetContent content)
        {
            string sender = opened.SenderSessionId;
            KeyValueRatchetStore store = _folder.RatchetStore();
            content = null;
            if (store.Load() != null)
            {
                var link = new RatchetLink(_client.Keys, RatchetSession.Load(store, _client.Random), _client.Random);
                content = link.Open(opened);
                return link;
            }
            if (!File.Exists(_folder.PreKeySecretPath))
            {
                Problems++;
                _output.WriteLine(line + "a SessionBeacon secure alert, but " + _folder.Path + " has no pairing: run 'prekey new --data " + _folder.Path
                    + " --beacon SESSIONID' with your beacon's Session ID and give its line to the beacon");
                return null;
            }
            string expected = _folder.PreKeyBeacon;
            if (expected == null)
            {
                Problems++;
                _output.WriteLine(line + "a SessionBeacon secure alert refused: the pre-key names no beacon (an older harness made it): run 'prekey new --data " + _folder.Path
                    + " --beacon SESSIONID' with your beacon's Session ID (the bundle stays the same; nothing changed)");
                return null;
            }
            if (expected != IdentityFolder.AnyBeacon && !string.Equals(expected, sender, StringComparison.OrdinalIgnoreCase))
            {
                Problems++;
                _output.WriteLine(line + "a SessionBeacon secure alert refused: the pre-key is for beacon " + expected + " only (nothing changed)");
                return null;
            }
            byte[] preKeySecret = File.ReadAllBytes(_folder.PreKeySecretPath);
            RatchetLink accepted;
            try
            {
                accepted = RatchetLink.Accept(store, _client.Random, _client.Keys, preKeySecret, SessionId.Parse(sender), opened, out content);
            }
            finally
            {
                CryptoBytes.Wipe(preKeySecret);
            }
            // The pairing is made: the pre-key secret is deleted (docs/ratchet.md), the bundle with it.
            File.WriteAllBytes(_folder.PreKeySecretPath, new byte[X25519.ScalarSize]);
            File.Delete(_folder.PreKeySecretPath);
            File.Delete(_folder.PreKeyBundlePath);
            File.Delete(_folder.PreKeyBeaconPath);
            _output.WriteLine("paired with beacon " + sender + " (the pre-key secret is deleted)");
            return accepted;
        }

        // True when the acknowledgement reached the beacon's swarm.
        private bool Acknowledge(RatchetLink link, string beacon, uint sequence)
        {
            try
            {
                _client.Prepare(beacon, "acknowledging alert " + sequence + " to beacon " + Progress.Short(beacon));
                byte[] payload = link.EncodeAcknowledgement(new[] { sequence }, null, _client.NetworkClock.Now);
                StoreReceipt receipt = _client.Client.Store(beacon, payload, ServiceNodeClient.DefaultTtl, SendCommand.RequiredSignatures);
                if (receipt.IsSuccess)
                {
                    _output.WriteLine("  acknowledged alert " + sequence + " to the beacon: " + receipt.VerifiedCount + " verified swarm signature(s)");
                    return true;
                }
                Problems++;
                _output.WriteLine("  the acknowledgement of alert " + sequence + " was not delivered: " + receipt.VerifiedCount + " verified swarm signature(s)");
            }
            catch (Exception failed) when (failed is ServiceNodeException || failed is RatchetException || failed is MessageException)
            {
                Problems++;
                _output.WriteLine("  the acknowledgement of alert " + sequence + " was not sent: " + TerminalText.Neutralise(failed.Message));
            }
            return false;
        }

        // Keeps the message, and runs the --exec program with it when its sender is known (or --exec-any).
        private void Keep(Message message)
        {
            Shown.Add(message);
            if (_exec == null)
            {
                return;
            }
            if (!message.KnownSender && !_exec.AnySender)
            {
                _output.WriteLine("  --exec not run: the sender is not known (trust it with --from " + message.Sender + ", or give --exec-any)");
                return;
            }
            // The line is out before the program runs, whatever becomes of listen meanwhile.
            _output.Flush();
            string problem = _exec.Run(message);
            if (problem != null)
            {
                Problems++;
                _error.WriteLine("listen: " + problem);
            }
        }

        // A message that cannot be shown: its reason, printed safe, and counted.
        private void Skip(string what, string reason)
        {
            Problems++;
            _output.WriteLine(what + " skipped: " + TerminalText.Neutralise(reason));
        }

        private bool IsKnown(string sender)
        {
            return _from.Contains(sender)
                || string.Equals(sender, _folder.PreKeyBeacon, StringComparison.OrdinalIgnoreCase)
                || string.Equals(sender, PairedBeacon(), StringComparison.Ordinal);
        }

        // The Session ID of the beacon paired through the ratchet, or null.
        private string PairedBeacon()
        {
            KeyValueRatchetStore store = _folder.RatchetStore();
            if (store.Load() == null)
            {
                return null;
            }
            try
            {
                return SessionId.FromPublicKey(RatchetSession.Load(store, _client.Random).PeerIdentityKey);
            }
            catch (RatchetException)
            {
                // A state this build cannot read: the secure alerts themselves say so.
                return null;
            }
        }

        // What the reader must know of a message before trusting it, after its sender: " (unknown sender)" and the like, or "".
        private static string Marks(bool known, bool repeated)
        {
            string marks = (known ? "" : "unknown sender") + (repeated ? (known ? "" : "; ") + "shown again: listen stopped while handling it" : "");
            return marks.Length == 0 ? "" : " (" + marks + ")";
        }

        private static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
    }
}
