// A receiver's inbox (the listen command's, and the demo's recipients'): what was seen, the ratchet
// pairing with a beacon, and the program to run per message. Each message, pairing and problem is a
// line on the output it is given (listen --json gives it standard error and writes Shown as JSON);
// the network steps are named for the client's progress lines.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Harness.Commands;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;

namespace SessionBeacon.Harness.Receiver
{
    /// <summary>One identity's inbox: what was seen, the ratchet pairing, and what to run per message.</summary>
    public sealed class Listener
    {
        private readonly IdentityFolder _folder;
        private readonly TestnetClient _client;
        private readonly string _exec;
        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private readonly HashSet<string> _seen;

        public Listener(IdentityFolder folder, TestnetClient client, string exec, TextWriter output, TextWriter error)
        {
            _folder = folder;
            _client = client;
            _exec = exec;
            _output = output;
            _error = error;
            _seen = new HashSet<string>(File.Exists(folder.SeenPath) ? File.ReadAllLines(folder.SeenPath) : Array.Empty<string>(), StringComparer.Ordinal);
        }

        /// <summary>
        /// One message shown, as listen --json writes it: <paramref name="Kind"/> "message" (plain v1) or "secure-alert"
        /// (opened with the ratchet), the sender's Session ID, the message's time (Unix ms, and as <see cref="Time"/>),
        /// its text and the swarm's hash of it; a secure alert also has its sequence number and whether its
        /// acknowledgement reached the beacon (null for a plain message).
        /// </summary>
        public sealed record Message(string Kind, string Sender, long Timestamp, string Text, string Hash, uint? Sequence, bool? Acknowledged)
        {
            /// <summary>The timestamp in ISO 8601 UTC, such as 2025-01-31T09:15:02.123Z.</summary>
            public string Time => DateTimeOffset.FromUnixTimeMilliseconds(Timestamp).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        /// <summary>Every message shown so far, oldest first.</summary>
        public List<Message> Shown { get; } = new List<Message>();

        /// <summary>Messages that could not be opened, or acknowledgements not delivered, so far.</summary>
        public int Problems { get; private set; }

        /// <summary>Messages new to this inbox so far, shown or not (one that could not be opened counts too).</summary>
        public int Received { get; private set; }

        /// <summary>One retrieve (repeated while the node says there is more); false when the network did not answer.</summary>
        public bool Poll()
        {
            IdentityKeys keys = _client.Keys;
            for (int rounds = 0; rounds < 10; rounds++)
            {
                RetrieveResult result;
                try
                {
                    _client.Prepare(keys.SessionId, "fetching new messages from the swarm of " + Progress.Short(keys.SessionId));
                    result = _client.Client.Retrieve(keys.SessionId, keys.Ed25519SecretKey, 0);
                }
                catch (ServiceNodeException failed)
                {
                    _error.WriteLine("listen: the network did not answer: " + failed.Message);
                    return false;
                }
                for (int i = 0; i < result.Count; i++)
                {
                    RetrievedMessage message = result.Message(i);
                    if (_seen.Contains(message.Hash))
                    {
                        continue;
                    }
                    Received++;
                    Show(message);
                    _seen.Add(message.Hash);
                    File.AppendAllLines(_folder.SeenPath, new[] { message.Hash });
                }
                if (!result.More)
                {
                    break;
                }
            }
            return true;
        }

        private void Show(RetrievedMessage message)
        {
            IncomingMessage opened;
            try
            {
                opened = new MessageReceiver(_client.Keys).OpenStoreData(MessageEncoder.ToStoreData(message.Data));
            }
            catch (MessageException refused)
            {
                Problems++;
                _output.WriteLine("message " + message.Hash + " could not be opened: " + refused.Message);
                return;
            }
            if (opened.Kind != IncomingMessageKind.DataMessage)
            {
                _output.WriteLine(Time(opened.Timestamp) + "  from " + opened.SenderSessionId + "  (" + opened.Kind + ", no text)");
                return;
            }
            if (RatchetCarriage.IsRatchetMessage(opened))
            {
                OpenRatchet(opened, message.Hash);
                return;
            }
            _output.WriteLine(Time(opened.Timestamp) + "  from " + opened.SenderSessionId + ": " + opened.Body);
            Keep(new Message("message", opened.SenderSessionId, opened.Timestamp, opened.Body, message.Hash, null, null));
        }

        private void OpenRatchet(IncomingMessage opened, string hash)
        {
            string sender = opened.SenderSessionId;
            KeyValueRatchetStore store = _folder.RatchetStore();
            RatchetLink link;
            RatchetContent content;
            try
            {
                if (store.Load() != null)
                {
                    link = new RatchetLink(_client.Keys, RatchetSession.Load(store, _client.Random), _client.Random);
                    content = link.Open(opened);
                }
                else if (File.Exists(_folder.PreKeySecretPath))
                {
                    string expected = _folder.PreKeyBeacon;
                    if (expected != null && !string.Equals(expected, sender, StringComparison.OrdinalIgnoreCase))
                    {
                        Problems++;
                        _output.WriteLine(Time(opened.Timestamp) + "  from " + sender + ": a SessionBeacon secure alert refused: the pre-key is for beacon "
                            + expected + " only (nothing changed)");
                        return;
                    }
                    byte[] preKeySecret = File.ReadAllBytes(_folder.PreKeySecretPath);
                    try
                    {
                        link = RatchetLink.Accept(store, _client.Random, _client.Keys, preKeySecret, SessionId.Parse(sender), opened, out content);
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
                }
                else
                {
                    Problems++;
                    _output.WriteLine(Time(opened.Timestamp) + "  from " + sender + ": a SessionBeacon secure alert, but " + _folder.Path
                        + " has no pairing: run 'prekey new --data " + _folder.Path + "' and give its line to the beacon");
                    return;
                }
            }
            catch (RatchetException refused)
            {
                Problems++;
                _output.WriteLine(Time(opened.Timestamp) + "  from " + sender + ": a SessionBeacon secure alert that could not be opened: " + refused.Message);
                return;
            }
            if (content.Kind != RatchetContentKind.Alert)
            {
                _output.WriteLine(Time(opened.Timestamp) + "  from " + sender + ": a SessionBeacon " + content.Kind + " (" + content.Sequence + ")");
                return;
            }
            _output.WriteLine(Time(opened.Timestamp) + "  SECURE ALERT " + content.Sequence + " from beacon " + sender + ": " + content.Text);
            bool acknowledged = Acknowledge(link, sender, content.Sequence);
            Keep(new Message("secure-alert", sender, opened.Timestamp, content.Text, hash, content.Sequence, acknowledged));
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
                _output.WriteLine("  the acknowledgement of alert " + sequence + " was not sent: " + failed.Message);
            }
            return false;
        }

        // Keeps the message, and runs the --exec program with it in its environment: no shell, no command-line text.
        private void Keep(Message message)
        {
            Shown.Add(message);
            if (_exec == null)
            {
                return;
            }
            var start = new ProcessStartInfo(_exec) { UseShellExecute = false };
            start.Environment["SESSIONBEACON_TEXT"] = message.Text;
            start.Environment["SESSIONBEACON_SENDER"] = message.Sender;
            start.Environment["SESSIONBEACON_TIME"] = message.Timestamp.ToString(CultureInfo.InvariantCulture);
            start.Environment["SESSIONBEACON_KIND"] = message.Kind;
            try
            {
                using Process process = Process.Start(start);
                if (!process.WaitForExit(ListenCommand.ExecTimeoutSeconds * 1000))
                {
                    Problems++;
                    _error.WriteLine("listen: --exec " + _exec + " still runs after " + ListenCommand.ExecTimeoutSeconds + " s; not waiting for it");
                }
                else if (process.ExitCode != 0)
                {
                    Problems++;
                    _error.WriteLine("listen: --exec " + _exec + " exited with " + process.ExitCode);
                }
            }
            catch (System.ComponentModel.Win32Exception failed)
            {
                Problems++;
                _error.WriteLine("listen: --exec " + _exec + " could not be started: " + failed.Message);
            }
        }

        private static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") + " UTC";
    }
}
