using System;
using System.Linq;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Onion;
using Session.Core.Micro.Tests.Network;
using SessionBeacon.Arming;
using SessionBeacon.Delivery;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.Arming
{
    // Pre-arming over the core's ServiceNodeClient on the core tests' in-process onion network
    // (real onion layers peeled by libsodium nodes, real receipts).
    public class ArmedSlotsTests
    {
        private const long Now = 1_700_000_000_000;
        private readonly ITestOutputHelper _output;

        public ArmedSlotsTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private sealed class Setup
        {
            public NetworkFixture F;
            public IdentityKeys Sender;
            public IdentityKeys Recipient;
            public string Id;
            public ArmedSlots Armed;
        }

        private Setup Armed(string name)
        {
            var f = new NetworkFixture(_output, name, 10);
            f.Pool.Bootstrap();
            f.Client.SyncClock();
            var s = new Setup { F = f, Sender = IdentityKeys.FromSeed(f.Random.Bytes(32)), Recipient = IdentityKeys.FromSeed(f.Random.Bytes(32)) };
            s.Id = s.Recipient.SessionId;
            f.Network.SetSwarm(s.Id, 6, 7, 8);
            s.Armed = new ArmedSlots(f.Client, f.Paths, f.Swarms, f.Rng, new[] { s.Id }, 1);
            long now = s.Armed.Start(0);
            for (int i = 0; i < 10 && now == 0; i++)
            {
                now = s.Armed.Step(0);
            }
            Assert.Equal(ArmedSlots.RecheckMs, now);
            Assert.Equal(1, s.Armed.SealCount(s.Id));
            Assert.Equal(1, s.Armed.OnionCount(s.Id));
            return s;
        }

        [Fact]
        public void ArmedAlert_OpensWithTheReceiver_AndUsesEachSlotOnce()
        {
            Setup s = Armed(nameof(ArmedAlert_OpensWithTheReceiver_AndUsesEachSlotOnce));
            var sender = new ServiceNodeAlertSender(s.F.Client, 3) { Armed = s.Armed };
            var outbox = new Outbox(new Session.Core.Micro.Tests.Support.MemoryStore(), sender, 4);
            outbox.Start(Now);
            var content = new ContentMessage("PANIC: I need help now", "Beacon 1", Now);
            int posts = s.F.Network.Posts.Count;

            OutboxRecord record = outbox.Add(AlertKind.Panic, Now, 3_600_000, s.Sender, new[] { s.Id }, content, s.F.Rng, s.Armed);
            Assert.Equal(0, s.Armed.SealCount(s.Id));
            Assert.Equal(posts, s.F.Network.Posts.Count);
            IncomingMessage opened = new MessageReceiver(s.Recipient).Open(record.Payload(0));
            Assert.Equal(content.Body, opened.Body);
            Assert.Equal(s.Sender.SessionId, opened.SenderSessionId);
            Assert.Equal(Now, opened.Timestamp);

            outbox.Step(Now);
            Assert.Equal(0, outbox.Count);
            Assert.Equal(0, s.Armed.OnionCount(s.Id));
            Assert.True(sender.LastReceipt.IsSuccess);
            // One onion request for the store: the armed one, to a swarm member.
            var store = Assert.Single(s.F.Network.Delivered, d => d.Method == "store");
            Assert.Contains(store.Destination, s.F.Network.SwarmOf(s.Id));
        }

        [Fact]
        public void ArmedOnionKeys_CarryTheFirstStore_AndAreWipedAfter()
        {
            Setup s = Armed(nameof(ArmedOnionKeys_CarryTheFirstStore_AndAreWipedAfter));
            OnionKeys keys = s.Armed.TakeOnion(s.Id);
            Assert.NotNull(keys);
            Assert.Null(s.Armed.TakeOnion(s.Id));
            byte[] data = s.F.Random.Bytes(300);
            StoreReceipt receipt = s.F.Client.Store(s.Id, data, ServiceNodeClient.DefaultTtl, 3, keys);
            Assert.True(receipt.IsSuccess);
            Assert.True(keys.IsWiped);
            var store = Assert.Single(s.F.Network.Delivered, d => d.Method == "store");
            Assert.Equal(keys.Destination.Ed25519Hex, store.Destination.Node.Ed25519Hex);
            Assert.Equal(Enumerable.Range(0, keys.LayerCount - 1).Select(i => keys.Node(i).Ed25519Hex), store.Path.Select(n => n.Node.Ed25519Hex));
            // Wiped keys cannot carry another request: the next store builds fresh ones and still succeeds.
            Assert.True(s.F.Client.Store(s.Id, s.F.Random.Bytes(10), ServiceNodeClient.DefaultTtl, 3, keys).IsSuccess);
        }

        [Fact]
        public void SealSlot_WithSender_CarriesASigningNonce_UsedUpByTheAlert()
        {
            Setup s = Armed(nameof(SealSlot_WithSender_CarriesASigningNonce_UsedUpByTheAlert));
            var armed = new ArmedSlots(s.F.Client, s.F.Paths, s.F.Swarms, s.F.Rng, new[] { s.Id }, 2, s.Sender);
            armed.Start(0);
            armed.Step(0);
            armed.Step(0);
            Assert.Equal(2, armed.SealCount(s.Id));
            byte[] proSignature = new byte[DecoyProSignature.Size];
            SealingKey seal = armed.TakeSeal(s.Id, proSignature, out Session.Core.Micro.Crypto.Ed25519Nonce nonce);
            Assert.NotNull(nonce);
            Assert.False(nonce.IsUsed);
            var content = new ContentMessage("help", "Beacon 1", Now);
            byte[] payload = MessageEncoder.Encode(s.Sender, content, seal, proSignature, nonce);
            Assert.True(nonce.IsUsed);
            Assert.Equal("help", new MessageReceiver(s.Recipient).Open(payload).Body);

            // Through the outbox: the second slot's nonce signs the alert and is used up.
            var outbox = new Outbox(new Session.Core.Micro.Tests.Support.MemoryStore(), new SessionBeacon.Tests.Support.FakeSwarms(), 2);
            outbox.Start(Now);
            OutboxRecord record = outbox.Add(AlertKind.Panic, Now, 3_600_000, s.Sender, new[] { s.Id }, content, s.F.Rng, armed);
            Assert.Equal(0, armed.SealCount(s.Id));
            Assert.Equal("help", new MessageReceiver(s.Recipient).Open(record.Payload(0)).Body);

            // Slots made without the sender's keys carry none.
            Assert.NotNull(s.Armed.TakeSeal(s.Id, new byte[DecoyProSignature.Size], out Session.Core.Micro.Crypto.Ed25519Nonce none));
            Assert.Null(none);
        }

        [Fact]
        public void SealSlot_SealsOnce()
        {
            Setup s = Armed(nameof(SealSlot_SealsOnce));
            byte[] proSignature = new byte[DecoyProSignature.Size];
            SealingKey seal = s.Armed.TakeSeal(s.Id, proSignature);
            Assert.NotNull(seal);
            Assert.NotEqual(new byte[DecoyProSignature.Size], proSignature);
            Assert.Null(s.Armed.TakeSeal(s.Id, new byte[DecoyProSignature.Size]));
            var content = new ContentMessage("help", "Beacon 1", Now);
            byte[] payload = MessageEncoder.Encode(s.Sender, content, seal, proSignature);
            Assert.True(seal.IsUsed);
            Assert.Equal("help", new MessageReceiver(s.Recipient).Open(payload).Body);
            Assert.Throws<InvalidOperationException>(() => MessageEncoder.Encode(s.Sender, content, seal, proSignature));
        }

        [Fact]
        public void OnionSlot_DroppedWhenThePathGoes()
        {
            Setup s = Armed(nameof(OnionSlot_DroppedWhenThePathGoes));
            for (int p = s.F.Paths.Count - 1; p >= 0; p--)
            {
                s.F.Paths.Drop(s.F.Paths.Path(p));
            }
            Assert.Equal(0, s.F.Paths.Count);
            Assert.Null(s.Armed.TakeOnion(s.Id));
            Assert.Equal(0, s.Armed.OnionCount(s.Id));
            // The next idle step arms again over a new path.
            s.Armed.Step(1);
            Assert.Equal(1, s.Armed.OnionCount(s.Id));
        }

        [Fact]
        public void OnionSlot_DroppedWhenTheSwarmChanges()
        {
            Setup s = Armed(nameof(OnionSlot_DroppedWhenTheSwarmChanges));
            s.F.Swarms.Set(s.Id, 1, new[] { s.F.Network.Nodes[9].Node }, s.F.Clock.UnixMilliseconds);
            Assert.Null(s.Armed.TakeOnion(s.Id));
            Assert.Equal(1, s.Armed.SealCount(s.Id));
        }

        [Fact]
        public void Stop_DropsEverySlot_AndStepNeedsStart()
        {
            Setup s = Armed(nameof(Stop_DropsEverySlot_AndStepNeedsStart));
            s.Armed.Stop();
            Assert.Equal(0, s.Armed.SealCount(s.Id));
            Assert.Equal(0, s.Armed.OnionCount(s.Id));
            Assert.Throws<InvalidOperationException>(() => s.Armed.Step(0));
        }

        [Fact]
        public void ArmedAlert_ResendsTheSameBytes()
        {
            Setup s = Armed(nameof(ArmedAlert_ResendsTheSameBytes));
            var swarms = new Support.FakeSwarms();
            var outbox = new Outbox(new Session.Core.Micro.Tests.Support.MemoryStore(), swarms, 4);
            outbox.Start(Now);
            var content = new ContentMessage("PANIC", "Beacon 1", Now);
            OutboxRecord record = outbox.Add(AlertKind.Panic, Now, 3_600_000, s.Sender, new[] { s.Id }, content, s.F.Rng, s.Armed);
            byte[] first = (byte[])record.Payload(0).Clone();
            swarms.Unreachable.Add(s.Id.ToLower());
            long wake = outbox.Step(Now);
            Assert.Equal(1, outbox.Count);
            swarms.Unreachable.Clear();
            outbox.Step(wake);
            Assert.Equal(0, outbox.Count);
            Assert.Equal(2, swarms.Sends.Count);
            Assert.All(swarms.Sends, sent => Assert.Equal(first, sent.Payload));
            Assert.Equal("PANIC", new MessageReceiver(s.Recipient).Open(first).Body);
        }
    }
}
