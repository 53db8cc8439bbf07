using System;
using System.Collections.Generic;
using System.Linq;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;
using ClientStore = Session.Core.Micro.Tests.Support.MemoryStore;

namespace SessionBeacon.Tests.Support
{
    /// <summary>
    /// A Session client on the fake network (Bob's companion receiver, or Alice's phone): its own pool,
    /// paths and store, and a ratchet pre-key that pairs it with the first secure alert it opens.
    /// </summary>
    internal sealed class CompanionReceiver
    {
        private readonly FakeNetwork _network;
        private readonly FixedRandom _random;
        private readonly ServiceNodeClient _client;
        private readonly HashSet<string> _opened = new HashSet<string>();
        private byte[] _preKeySecret = new byte[32];
        private RatchetLink _link;

        public CompanionReceiver(FakeNetwork network, IdentityKeys keys, SeededRandom random)
        {
            _network = network;
            Keys = keys;
            _random = new FixedRandom(random.Bytes(1 << 18));
            var store = new ClientStore();
            var pool = new NodePool(network.Profile, network, store, _random);
            pool.Bootstrap();
            var paths = new OnionPaths(pool, network, _random, keys.SessionId, 1);
            _client = new ServiceNodeClient(pool, paths, new SwarmCache(), new NetworkClock(new FakeClock(PairedBeacon.Boot)), network, store, _random);
            Bundle = new byte[RatchetPreKey.Size];
            RatchetPreKey.Create(Bundle, _preKeySecret, keys.Ed25519SecretKey, _random);
        }

        public IdentityKeys Keys { get; }
        public byte[] Bundle { get; private set; }
        public byte[] LastAcknowledgementPacket { get; private set; }

        /// <summary>The receiver is provisioned again: a new pre-key, and its old pairing forgotten; the next secure alert pairs it anew.</summary>
        public void NewPreKey()
        {
            _preKeySecret = new byte[32];
            Bundle = new byte[RatchetPreKey.Size];
            RatchetPreKey.Create(Bundle, _preKeySecret, Keys.Ed25519SecretKey, _random);
            _link = null;
        }

        /// <summary>Opens the beacon's newest secure alert not opened yet (pairing from it when unpaired).</summary>
        public RatchetContent OpenNext(PairedBeacon beacon)
        {
            var receiver = new MessageReceiver(Keys);
            IncomingMessage message = _network.Stores.Where(s => s.Owner == Keys.SessionId && _opened.Add(Convert.ToBase64String(s.Data)))
                .Select(s => receiver.Open(s.Data)).Last(m => m.SenderSessionId == beacon.Keys.SessionId && RatchetCarriage.IsRatchetMessage(m));
            if (_link != null)
            {
                return _link.Open(message);
            }
            _link = RatchetLink.Accept(new KeyValueRatchetStore(new ClientStore(), "bob"), _random, Keys, _preKeySecret,
                beacon.Keys.X25519PublicKey, message, out RatchetContent alert);
            return alert;
        }

        // Opens the beacon's newest ratchet message, checks it is alert n, and acknowledges it.
        public void AcknowledgeNext(PairedBeacon beacon, int n)
        {
            RatchetContent alert = OpenNext(beacon);
            Assert.StartsWith("PANIC", alert.Text);
            Assert.Equal((uint)n, alert.Sequence);
            Acknowledge(beacon, alert.Sequence);
        }

        /// <summary>Stores an acknowledgement of alert <paramref name="sequence"/> in the beacon's swarm, over the receiver's pairing.</summary>
        public void Acknowledge(PairedBeacon beacon, uint sequence)
        {
            byte[] payload = _link.EncodeAcknowledgement(new[] { sequence }, "Bob's receiver", _network.ServerTime);
            LastAcknowledgementPacket = RatchetCarriage.ReadPacket(new MessageReceiver(beacon.Keys).Open(payload));
            Assert.True(_client.Store(beacon.Keys.SessionId, payload, ServiceNodeClient.DefaultTtl, 1).IsSuccess);
        }

        public void Store(IdentityKeys to, ContentMessage content)
        {
            byte[] payload = MessageEncoder.Encode(Keys, to.X25519PublicKey, content, _random);
            Assert.True(_client.Store(to.SessionId, payload, ServiceNodeClient.DefaultTtl, 1).IsSuccess);
        }
    }
}
