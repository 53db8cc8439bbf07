using System;
using System.Linq;
using Session.Core.Micro.Network;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    // ServiceNodeClient.PrepareStore / Store(prepared): a store request built ahead, sent later as
    // built while its path and destination are current, else through the normal retry loop.
    public class PreparedStoreTests
    {
        private readonly ITestOutputHelper _output;

        public PreparedStoreTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private (NetworkFixture F, string Recipient) Ready(string name)
        {
            var f = new NetworkFixture(_output, name, 10);
            f.Pool.Bootstrap();
            f.Client.SyncClock();
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 6, 7, 8);
            f.Client.GetSwarm(recipient);
            return (f, recipient);
        }

        [Fact]
        public void PrepareStore_SendsNothing_ThenStoreDeliversThePreparedRequestWithAVerifiedReceipt()
        {
            var (f, recipient) = Ready(nameof(PrepareStore_SendsNothing_ThenStoreDeliversThePreparedRequestWithAVerifiedReceipt));
            byte[] data = f.Random.Bytes(600);
            int posts = f.Network.Posts.Count;
            long built = f.NetworkClock.Now;
            PreparedStore prepared = f.Client.PrepareStore(recipient.ToUpper(), data, ServiceNodeClient.DefaultTtl);
            // Preparing may test a guard for a new path (when every swarm member is on a live one), but sends no onion request.
            Assert.DoesNotContain(f.Network.Delivered, d => d.Method == "store");
            Assert.All(f.Network.Posts.GetRange(posts, f.Network.Posts.Count - posts), url => Assert.DoesNotContain("onion_req", url));
            posts = f.Network.Posts.Count;
            Assert.Equal(recipient, prepared.Recipient);
            Assert.Equal(built, prepared.Timestamp);
            Assert.Equal(MessageHash.Compute(recipient, 0, data), prepared.Hash);
            Assert.True(prepared.Carries(recipient, (byte[])data.Clone()));
            Assert.False(prepared.Carries(recipient, f.Random.Bytes(600)));
            Assert.True(f.Client.IsCurrent(prepared));

            f.Clock.UnixMilliseconds += 30_000;
            StoreReceipt receipt = f.Client.Store(prepared, 3);
            Assert.True(receipt.IsSuccess);
            Assert.Equal(prepared.Hash, receipt.Hash);
            Assert.True(prepared.IsUsed);
            Assert.False(f.Client.IsCurrent(prepared));
            Assert.Equal(posts + 1, f.Network.Posts.Count);
            var store = Assert.Single(f.Network.Delivered, d => d.Method == "store");
            Assert.Equal(prepared.Destination.Ed25519Hex, store.Destination.Node.Ed25519Hex);
            // The bytes sent are the ones built 30 s earlier: the build time's timestamp, not the send time's.
            var stored = Assert.Single(f.Network.Stores);
            Assert.Equal(built, stored.Timestamp);
            Assert.Equal(ServiceNodeClient.DefaultTtl, stored.Ttl);
            Assert.Equal(data, stored.Data);
        }

        [Fact]
        public void Store_PreparedTwice_ClearError()
        {
            var (f, recipient) = Ready(nameof(Store_PreparedTwice_ClearError));
            PreparedStore prepared = f.Client.PrepareStore(recipient, f.Random.Bytes(100), ServiceNodeClient.DefaultTtl);
            Assert.True(f.Client.Store(prepared, 3).IsSuccess);
            int posts = f.Network.Posts.Count;
            var error = Assert.Throws<InvalidOperationException>(() => f.Client.Store(prepared, 3));
            Assert.Contains("already sent", error.Message);
            Assert.Equal(posts, f.Network.Posts.Count);
            PreparedStore wiped = f.Client.PrepareStore(recipient, f.Random.Bytes(100), ServiceNodeClient.DefaultTtl);
            wiped.Wipe();
            Assert.False(f.Client.IsCurrent(wiped));
            Assert.Throws<InvalidOperationException>(() => f.Client.Store(wiped, 3));
        }

        [Fact]
        public void Store_PreparedPathDied_FallsBackToAFreshRequestKeepingTheExpiry()
        {
            var (f, recipient) = Ready(nameof(Store_PreparedPathDied_FallsBackToAFreshRequestKeepingTheExpiry));
            byte[] data = f.Random.Bytes(200);
            PreparedStore prepared = f.Client.PrepareStore(recipient, data, 3_600_000);
            for (int p = f.Paths.Count - 1; p >= 0; p--)
            {
                f.Paths.Drop(f.Paths.Path(p));
            }
            Assert.False(f.Client.IsCurrent(prepared));
            f.Clock.UnixMilliseconds += 60_000;
            f.Network.ServerTime += 60_000;
            StoreReceipt receipt = f.Client.Store(prepared, 3);
            Assert.True(receipt.IsSuccess);
            Assert.True(prepared.IsUsed);
            var stored = Assert.Single(f.Network.Stores);
            Assert.Equal(data, stored.Data);
            // A fresh request, timestamped at send time, expiring when the prepared one would have.
            Assert.Equal(prepared.Timestamp + 60_000, stored.Timestamp);
            Assert.Equal(prepared.Expiry, stored.Timestamp + stored.Ttl);
        }

        [Fact]
        public void Store_PreparedDestinationLeftTheSwarm_NotCurrentAndStoredElsewhere()
        {
            var (f, recipient) = Ready(nameof(Store_PreparedDestinationLeftTheSwarm_NotCurrentAndStoredElsewhere));
            PreparedStore prepared = f.Client.PrepareStore(recipient, f.Random.Bytes(200), ServiceNodeClient.DefaultTtl);
            int[] others = Enumerable.Range(0, 10).Where(i => f.Network.Nodes[i].Hex != prepared.Destination.Ed25519Hex).Take(3).ToArray();
            f.Network.SetSwarm(recipient, others);
            f.Swarms.Set(recipient, 1, others.Select(i => f.Network.Nodes[i].Node).ToArray(), f.Clock.UnixMilliseconds);
            Assert.False(f.Client.IsCurrent(prepared));
            Assert.True(f.Client.Store(prepared, 3).IsSuccess);
            var store = Assert.Single(f.Network.Delivered, d => d.Method == "store");
            Assert.NotEqual(prepared.Destination.Ed25519Hex, store.Destination.Hex);
        }

        [Fact]
        public void Store_PreparedAttemptFails_RetryLoopDeliversTheSameData()
        {
            var (f, recipient) = Ready(nameof(Store_PreparedAttemptFails_RetryLoopDeliversTheSameData));
            byte[] data = f.Random.Bytes(300);
            PreparedStore prepared = f.Client.PrepareStore(recipient, data, ServiceNodeClient.DefaultTtl);
            Assert.True(f.Client.IsCurrent(prepared));
            f.Network.DestinationFaults.Enqueue((500, "internal error"));
            StoreReceipt receipt = f.Client.Store(prepared, 3);
            Assert.True(receipt.IsSuccess);
            Assert.Equal(MessageHash.Compute(recipient, 0, data), receipt.Hash);
            var stores = f.Network.Delivered.Where(d => d.Method == "store").ToList();
            Assert.Equal(2, stores.Count);
            Assert.Equal(prepared.Destination.Ed25519Hex, stores[0].Destination.Hex);
            Assert.Equal(data, Assert.Single(f.Network.Stores).Data);
            Assert.Single(f.Clock.Sleeps);
        }

        [Fact]
        public void PrepareStore_PrefersAMemberOnNoLivePath()
        {
            var (f, recipient) = Ready(nameof(PrepareStore_PrefersAMemberOnNoLivePath));
            for (int i = 0; i < 20; i++)
            {
                string[] onPaths = Enumerable.Range(0, f.Paths.Count).SelectMany(p => f.Paths.Path(p).Nodes).Select(n => n.Ed25519Hex).ToArray();
                bool freeMember = f.Swarms.Get(recipient).Any(m => !onPaths.Contains(m.Ed25519Hex));
                PreparedStore prepared = f.Client.PrepareStore(recipient, f.Random.Bytes(10), ServiceNodeClient.DefaultTtl);
                if (freeMember)
                {
                    Assert.DoesNotContain(prepared.Destination.Ed25519Hex, onPaths);
                }
                Assert.True(f.Client.IsCurrent(prepared));
                // A request to another recipient's one-member swarm may replace a path before the next round.
                string other = f.NewSessionId();
                f.Network.SetSwarm(other, i % 10);
                f.Client.PrepareStore(other, new byte[1], ServiceNodeClient.DefaultTtl);
            }
        }

        // The flash alert's refresh: a newer request for the same recipient takes over the unsent one's onion keys.
        [Fact]
        public void PrepareStore_ReplacingACurrentRequest_KeepsItsKeysDestinationAndPath_AndStillDelivers()
        {
            var (f, recipient) = Ready(nameof(PrepareStore_ReplacingACurrentRequest_KeepsItsKeysDestinationAndPath_AndStillDelivers));
            PreparedStore first = f.Client.PrepareStore(recipient, f.Random.Bytes(200), ServiceNodeClient.DefaultTtl);
            Session.Core.Micro.Onion.OnionKeys keys = first.Keys;
            byte[] firstWire = (byte[])first.Wire.Clone();
            f.Clock.UnixMilliseconds += 30_000;
            f.Network.ServerTime += 30_000;
            byte[] data = f.Random.Bytes(200);

            PreparedStore second = f.Client.PrepareStore(recipient, data, ServiceNodeClient.DefaultTtl, first);

            Assert.Same(keys, second.Keys);
            Assert.False(keys.IsWiped);
            Assert.True(first.IsUsed);
            Assert.All(first.Wire, b => Assert.Equal(0, b));
            first.Wipe();
            Assert.False(keys.IsWiped);
            Assert.Equal(first.Destination, second.Destination);
            Assert.Equal(first.Timestamp + 30_000, second.Timestamp);
            Assert.NotEqual(firstWire, second.Wire);
            Assert.True(f.Client.IsCurrent(second));
            Assert.True(f.Client.Store(second, 3).IsSuccess);
            Assert.Equal(data, Assert.Single(f.Network.Stores).Data);
        }

        [Fact]
        public void PrepareStore_ReplacingAStaleOrForeignRequest_FreshKeysAndTheOldOneWiped()
        {
            var (f, recipient) = Ready(nameof(PrepareStore_ReplacingAStaleOrForeignRequest_FreshKeysAndTheOldOneWiped));
            PreparedStore stale = f.Client.PrepareStore(recipient, f.Random.Bytes(50), ServiceNodeClient.DefaultTtl);
            f.Paths.Drop(f.Client.FindPath(OnionRoute.Relays(stale.Keys)));
            PreparedStore fresh = f.Client.PrepareStore(recipient, f.Random.Bytes(50), ServiceNodeClient.DefaultTtl, stale);
            Assert.True(stale.IsUsed);
            Assert.True(stale.Keys.IsWiped);
            Assert.NotSame(stale.Keys, fresh.Keys);

            string other = f.NewSessionId();
            f.Network.SetSwarm(other, 6, 7, 8);
            PreparedStore foreign = f.Client.PrepareStore(other, f.Random.Bytes(50), ServiceNodeClient.DefaultTtl, fresh);
            Assert.True(fresh.Keys.IsWiped);
            Assert.True(f.Client.IsCurrent(foreign));
        }

        [Fact]
        public void PrepareStore_BadArguments_Refused()
        {
            var (f, recipient) = Ready(nameof(PrepareStore_BadArguments_Refused));
            Assert.Throws<ArgumentNullException>(() => f.Client.PrepareStore(recipient, null, ServiceNodeClient.DefaultTtl));
            Assert.Throws<ArgumentException>(() => f.Client.PrepareStore("05zz", new byte[1], ServiceNodeClient.DefaultTtl));
            Assert.Throws<ArgumentException>(() => f.Client.PrepareStore(recipient, new byte[1], ServiceNodeClient.MinimumTtl - 1));
            Assert.Throws<ArgumentException>(() => f.Client.PrepareStore(recipient, new byte[ServiceNodeClient.MaxStoreData + 1], ServiceNodeClient.DefaultTtl));
            Assert.Throws<ArgumentNullException>(() => f.Client.Store((PreparedStore)null, 3));
            Assert.Throws<ArgumentNullException>(() => f.Client.IsCurrent(null));
        }
    }
}
