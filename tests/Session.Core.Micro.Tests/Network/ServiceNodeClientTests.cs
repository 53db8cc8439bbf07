using System;
using System.Linq;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    public class ServiceNodeClientTests
    {
        private readonly ITestOutputHelper _output;

        public ServiceNodeClientTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private NetworkFixture Ready(string name, int nodes = 10, long clockError = 0)
        {
            var f = new NetworkFixture(_output, name, nodes, clockError);
            f.Pool.Bootstrap();
            // Store and retrieve first take the network's time; done here so that scripted faults meet the requests under test.
            f.Client.SyncClock();
            return f;
        }

        [Fact]
        public void Store_ToSwarm_ReceiptVerifiedAndDestinationNeverOnPath()
        {
            var f = Ready(nameof(Store_ToSwarm_ReceiptVerifiedAndDestinationNeverOnPath));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 6, 7, 8);
            byte[] data = f.Random.Bytes(1024);
            for (int i = 0; i < 10; i++)
            {
                StoreReceipt receipt = f.Client.Store(recipient, data, ServiceNodeClient.DefaultTtl, 3);
                Assert.True(receipt.IsSuccess);
                Assert.Equal(3, receipt.VerifiedCount);
                Assert.Equal(MessageHash.Compute(recipient, 0, data), receipt.Hash);
                Assert.Equal(i > 0, receipt.Already);
            }
            Assert.All(f.Network.Delivered, d => Assert.DoesNotContain(d.Destination, d.Path));
            Assert.All(f.Network.Delivered, d => Assert.Equal(3, d.Path.Length));
            Assert.All(f.Network.Delivered.Where(d => d.Method == "store"), d => Assert.Contains(d.Destination, f.Network.SwarmOf(recipient)));
            // The swarm from the seed's list once, then cached; no node was asked for it.
            Assert.Equal(1, f.Network.SwarmLookups);
            Assert.DoesNotContain(f.Network.Delivered, d => d.Method == "get_swarm");
            Assert.Empty(f.Clock.Sleeps);
        }

        // Audit finding: a node outside the recipient's swarm that names itself as the swarm (in get_swarm and
        // 421 answers) and signs its own receipt made the store count as delivered, and no member ever stored it.
        [Fact]
        public void Store_NodesOutsideTheSwarmClaimIt_OnlyTheRealSwarmStoresAndSigns()
        {
            var f = Ready(nameof(Store_NodesOutsideTheSwarmClaimIt_OnlyTheRealSwarmStoresAndSigns));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 6, 7, 8);
            foreach (int i in new[] { 0, 1, 2, 3, 4, 5, 9 })
            {
                f.Network.Impostors.Add(f.Network.Nodes[i].Hex);
            }
            string[] real = f.Network.SwarmOf(recipient).Select(n => n.Hex).ToArray();
            for (int i = 0; i < 5; i++)
            {
                StoreReceipt receipt = f.Client.Store(recipient, f.Random.Bytes(100 + i), ServiceNodeClient.DefaultTtl, 2);
                Assert.True(receipt.IsSuccess);
                Assert.True(receipt.VerifiedCount >= 2);
                Assert.All(receipt.VerifiedMembers, member => Assert.Contains(member, real));
            }
            Assert.Equal(5, f.Network.StoredCount(recipient));
            Assert.All(f.Network.Delivered.Where(d => d.Method == "store"), d => Assert.Contains(d.Destination.Hex, real));
            Assert.Equal(real.OrderBy(h => h), f.Swarms.Members(recipient).Select(n => n.Ed25519Hex).OrderBy(h => h));
        }

        [Fact]
        public void Store_MemberAnswers421NamingAnotherNode_SeedAskedAgainAndTheClaimNotTaken()
        {
            var f = Ready(nameof(Store_MemberAnswers421NamingAnotherNode_SeedAskedAgainAndTheClaimNotTaken));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 6, 7, 8);
            OnionTestNode impostor = f.Network.Nodes[2];
            f.Network.Impostors.Add(impostor.Hex);
            f.Client.GetSwarm(recipient);
            int lookups = f.Network.SwarmLookups;
            Pass(f, OnionDelivery.MinimumRefetch);
            string claim = "{\"snodes\":[{\"ip\":\"" + impostor.Node.Ip + "\",\"port_https\":" + impostor.Node.Port + ",\"pubkey_ed25519\":\"" + impostor.Hex
                + "\",\"pubkey_x25519\":\"" + Convert.ToHexStringLower(impostor.X25519Public) + "\"}],\"t\":" + f.Network.ServerTime + "}";
            for (int i = 0; i < 3; i++)
            {
                f.Network.DestinationFaults.Enqueue((421, claim));
                StoreReceipt receipt = f.Client.Store(recipient, f.Random.Bytes(40 + i), ServiceNodeClient.DefaultTtl, 2);
                Assert.True(receipt.IsSuccess);
                Assert.DoesNotContain(impostor.Hex, receipt.VerifiedMembers);
            }
            Assert.DoesNotContain(f.Network.Delivered, d => d.Method == "store" && d.Destination == impostor);
            Assert.Equal(3, f.Swarms.Members(recipient).Length);
            // The first 421 made the client ask the seed; the next two came within MinimumRefetch of that.
            Assert.Equal(lookups + 1, f.Network.SwarmLookups);
        }

        [Fact]
        public void Store_OneMemberSigns_TooFewForTwoButAllOfASwarmOfOne()
        {
            var f = Ready(nameof(Store_OneMemberSigns_TooFewForTwoButAllOfASwarmOfOne));
            string three = f.NewSessionId(), one = f.NewSessionId();
            f.Network.SetSwarm(three, 6, 7, 8);
            f.Network.SetSwarm(one, 9);
            byte[] data = { 1, 2, 3 };
            foreach ((string recipient, OnionTestNode signer, bool enough) in new[] { (three, f.Network.Nodes[6], false), (one, f.Network.Nodes[9], true) })
            {
                f.Client.GetSwarm(recipient);
                // The destination answers with its own signed receipt only: the others never saw the message.
                string hash = MessageHash.Compute(recipient, 0, data);
                f.Network.DestinationFaults.Enqueue((200, "{\"swarm\":{" + StoreReceiptTests.Entry(signer, signer.Hex, hash) + "},\"t\":" + f.Network.ServerTime + "}"));
                StoreReceipt receipt = f.Client.Store(recipient, data, ServiceNodeClient.DefaultTtl, 2);
                Assert.Equal(1, receipt.VerifiedCount);
                Assert.Equal(enough, receipt.IsSuccess);
            }
            Assert.Equal(2, ServiceNodeClient.RequiredSignaturesFor(2, 5));
            Assert.Equal(1, ServiceNodeClient.RequiredSignaturesFor(2, 1));
            Assert.Equal(1, ServiceNodeClient.RequiredSignaturesFor(2, 0));
        }

        [Fact]
        public void GetSwarm_OlderThanItsLifetime_ComputedAgainFromTheSeed()
        {
            var f = Ready(nameof(GetSwarm_OlderThanItsLifetime_ComputedAgainFromTheSeed));
            string recipient = f.NewSessionId(), other = f.NewSessionId();
            f.Network.SetSwarm(recipient, 6, 7, 8);
            f.Client.GetSwarm(recipient);
            int lookups = f.Network.SwarmLookups;
            Pass(f, SwarmCache.Lifetime - 1);
            f.Network.SetSwarm(recipient, 3, 4);
            Assert.Equal(3, f.Client.GetSwarm(recipient).Length);
            Assert.Equal(lookups, f.Network.SwarmLookups);
            Pass(f, 1);
            Assert.Equal(new[] { 3, 4 }.Select(i => f.Network.Nodes[i].Hex).OrderBy(h => h), f.Client.GetSwarm(recipient).Select(n => n.Ed25519Hex).OrderBy(h => h));
            Assert.Equal(lookups + 1, f.Network.SwarmLookups);
            // A new account is looked up with the cached ones, in one answer.
            f.Client.GetSwarm(other);
            Assert.Equal(lookups + 2, f.Network.SwarmLookups);
            Assert.Equal(2, f.Swarms.Count);
            Assert.True(f.Swarms.IsFresh(recipient, f.Clock.UnixMilliseconds));
        }

        [Fact]
        public void GetSwarm_TrackedAccounts_OneReadOfTheSeedsListGivesThemAll()
        {
            var f = Ready(nameof(GetSwarm_TrackedAccounts_OneReadOfTheSeedsListGivesThemAll));
            string[] accounts = { f.NewSessionId(), f.NewSessionId(), f.OwnSessionId };
            f.Network.SetSwarm(accounts[0], 1, 2);
            f.Network.SetSwarm(accounts[1], 3, 4, 5);
            f.Network.SetSwarm(accounts[2], 6, 7, 8, 9);
            foreach (string account in accounts)
            {
                f.Swarms.Track(account.ToUpper());
            }
            Assert.Equal(3, f.Swarms.Owners().Length);
            int lookups = f.Network.SwarmLookups;
            foreach (string account in accounts)
            {
                Assert.Equal(f.Network.SwarmOf(account).Select(n => n.Hex).OrderBy(h => h), f.Client.GetSwarm(account).Select(n => n.Ed25519Hex).OrderBy(h => h));
            }
            Assert.Equal(lookups + 1, f.Network.SwarmLookups);
        }

        [Fact]
        public void Store_SwarmPastItsLifetimeWhileTheSeedIsAway_TheOldSwarmIsUsedAndTheSeedAskedOncePerMinute()
        {
            var f = Ready(nameof(Store_SwarmPastItsLifetimeWhileTheSeedIsAway_TheOldSwarmIsUsedAndTheSeedAskedOncePerMinute));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 6, 7, 8);
            f.Client.GetSwarm(recipient);
            Pass(f, SwarmCache.Lifetime);
            f.Network.SeedDown = true;
            int seedPosts = f.Network.Posts.Count(u => u.StartsWith(FakeNetwork.SeedUrl));
            for (int i = 0; i < 3; i++)
            {
                Assert.True(f.Client.Store(recipient, f.Random.Bytes(30 + i), ServiceNodeClient.DefaultTtl, 2).IsSuccess);
            }
            Assert.Equal(seedPosts + 1, f.Network.Posts.Count(u => u.StartsWith(FakeNetwork.SeedUrl)));
            Pass(f, OnionDelivery.MinimumRefetch);
            f.Network.SeedDown = false;
            int lookups = f.Network.SwarmLookups;
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 2).IsSuccess);
            Assert.Equal(lookups + 1, f.Network.SwarmLookups);
            Assert.True(f.Swarms.IsFresh(recipient, f.Clock.UnixMilliseconds));
        }

        [Fact]
        public void GetSwarm_SeedWithoutSwarmIds_FailsSayingSo()
        {
            var f = Ready(nameof(GetSwarm_SeedWithoutSwarmIds_FailsSayingSo));
            f.Network.SeedWithoutSwarmIds = true;
            var error = Assert.Throws<ServiceNodeException>(() => f.Client.GetSwarm(f.NewSessionId()));
            Assert.Contains("no seed gave the swarms", error.Message);
            Assert.Contains("the node list has no swarm_id", error.Message);
            Assert.DoesNotContain(f.Network.Delivered, d => d.Method == "get_swarm");
        }

        // Local and network time move on together.
        private static void Pass(NetworkFixture f, long milliseconds)
        {
            f.Clock.UnixMilliseconds += milliseconds;
            f.Network.ServerTime += milliseconds;
        }

        [Fact]
        public void Store_ArmedKeysOfAPathNoLongerLive_DiscardedWipedAndStoreStillSucceeds()
        {
            var f = Ready(nameof(Store_ArmedKeysOfAPathNoLongerLive_DiscardedWipedAndStoreStillSucceeds));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 6, 7, 8);
            ServiceNode destination = f.Client.GetSwarm(recipient)[0];
            OnionPath path = f.Paths.Select(destination);
            Session.Core.Micro.Onion.OnionKeys armed = Session.Core.Micro.Onion.OnionKeys.Create(path.Nodes, destination, f.Rng);
            Assert.NotNull(f.Client.FindPath(path.Nodes));
            f.Paths.Drop(path);
            Assert.Null(f.Client.FindPath(path.Nodes));
            StoreReceipt receipt = f.Client.Store(recipient, f.Random.Bytes(100), ServiceNodeClient.DefaultTtl, 3, armed);
            Assert.True(receipt.IsSuccess);
            Assert.True(armed.IsWiped);
            var store = Assert.Single(f.Network.Delivered, d => d.Method == "store");
            // The store went through a live path (fresh keys), not the dropped one the armed keys were made for.
            Assert.NotNull(f.Client.FindPath(store.Path.Select(n => n.Node).ToArray()));
        }

        [Fact]
        public void Store_DataTooLarge_RejectedBeforeSending()
        {
            var f = Ready(nameof(Store_DataTooLarge_RejectedBeforeSending));
            int posts = f.Network.Posts.Count;
            var error = Assert.Throws<ArgumentException>(() => f.Client.Store(f.NewSessionId(), new byte[ServiceNodeClient.MaxStoreData + 1], ServiceNodeClient.DefaultTtl, 1));
            Assert.Contains("76800", error.Message);
            Assert.Throws<ArgumentException>(() => f.Client.Store(f.NewSessionId(), new byte[1], 5000, 1));
            Assert.Throws<ArgumentException>(() => f.Client.Store("05zz", new byte[1], ServiceNodeClient.DefaultTtl, 1));
            Assert.Equal(posts, f.Network.Posts.Count);
        }

        [Fact]
        public void Store_SwarmMoved_421HasTheSeedAskedAgainAndSucceeds()
        {
            var f = Ready(nameof(Store_SwarmMoved_421HasTheSeedAskedAgainAndSucceeds));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 1, 2);
            f.Client.GetSwarm(recipient);
            f.Network.SetSwarm(recipient, 7, 8, 9);
            Pass(f, OnionDelivery.MinimumRefetch);
            StoreReceipt receipt = f.Client.Store(recipient, f.Random.Bytes(100), ServiceNodeClient.DefaultTtl, 1);
            Assert.True(receipt.IsSuccess);
            Assert.Equal(new[] { 7, 8, 9 }.Select(i => f.Network.Nodes[i].Hex).OrderBy(h => h), f.Swarms.Get(recipient).Select(n => n.Ed25519Hex).OrderBy(h => h));
            Assert.Equal(3, receipt.VerifiedCount);
        }

        [Fact]
        public void Store_LocalClockAhead_406ResyncsOnceAndSucceeds()
        {
            // Twelve nodes: a jump of the clock needs two rounds of five nodes besides the one that refused.
            var f = Ready(nameof(Store_LocalClockAhead_406ResyncsOnceAndSucceeds), nodes: 12, clockError: 5 * 60_000);
            Assert.InRange(f.NetworkClock.Now - f.Network.ServerTime, -1000, 1000);
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 5, 6);
            f.Client.GetSwarm(recipient);
            f.Clock.UnixMilliseconds += 5 * 60_000;
            int infos = f.Network.Delivered.Count(d => d.Method == "info");
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(50), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            Assert.Equal(infos + 2 * ServiceNodeClient.ResyncSamples, f.Network.Delivered.Count(d => d.Method == "info"));
            Assert.InRange(f.NetworkClock.Now - f.Network.ServerTime, -1000, 1000);
        }

        [Fact]
        public void Store_ClockErrorPersists_GivesUpAfterOneResync()
        {
            var f = Ready(nameof(Store_ClockErrorPersists_GivesUpAfterOneResync));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 5, 6);
            f.Client.GetSwarm(recipient);
            string info = "{\"timestamp\":" + f.Network.ServerTime + ",\"t\":" + f.Network.ServerTime + "}";
            f.Network.DestinationFaults.Enqueue((406, "Timestamp error: check your clock"));
            for (int i = 0; i < ServiceNodeClient.MinimumClockSamples; i++)
            {
                f.Network.DestinationFaults.Enqueue((200, info));
            }
            // Both members still refuse after the resync: each is avoided, then there is no one left to ask.
            f.Network.DestinationFaults.Enqueue((406, "Timestamp error: check your clock"));
            f.Network.DestinationFaults.Enqueue((406, "Timestamp error: check your clock"));
            var error = Assert.Throws<ServiceNodeException>(() => f.Client.Store(recipient, f.Random.Bytes(50), ServiceNodeClient.DefaultTtl, 1));
            Assert.Equal(406, error.Status);
            Assert.Contains("clock", error.Message);
            Assert.Contains("every member of the swarm", error.Message);
            Assert.Empty(f.Network.DestinationFaults);
        }

        [Fact]
        public void Store_ClockNotYetSet_SetFromTheNodesBeforeTheFirstTimestamp()
        {
            var f = new NetworkFixture(_output, nameof(Store_ClockNotYetSet_SetFromTheNodesBeforeTheFirstTimestamp), 12, localClockError: -3_600_000);
            f.Pool.Bootstrap();
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 5, 6, 7);
            Assert.False(f.NetworkClock.IsSynchronised);
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(50), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            Assert.Equal(3_600_000, f.NetworkClock.Offset);
            Assert.Equal(f.Network.ServerTime, Assert.Single(f.Network.Stores).Timestamp);
            // Every node agreed on the hour: two rounds of five, all before the store.
            Assert.Equal(2 * ServiceNodeClient.ResyncSamples, f.Network.Delivered.TakeWhile(d => d.Method != "store").Count(d => d.Method == "info"));
        }

        [Fact]
        public void Store_GuardGivesNoAnswer_PathDroppedAtOnce()
        {
            var f = Ready(nameof(Store_GuardGivesNoAnswer_PathDroppedAtOnce));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 7, 8, 9);
            f.Client.GetSwarm(recipient);
            ServiceNode guard = f.Paths.Path(0).Guard;
            f.Network.Down.Add(guard.Ed25519Hex);
            int before = f.Network.Posts.Count;
            for (int i = 0; i < 20; i++)
            {
                Assert.True(f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            }
            // The guard was met at most once: its path went at the first silence, and it fails the guard test since.
            Assert.True(f.Network.Posts.Skip(before).Count(url => url == guard.BaseUrl + "/onion_req/v2") <= 1);
            Assert.All(Enumerable.Range(0, f.Paths.Count), i => Assert.NotEqual(guard.Ed25519Hex, f.Paths.Path(i).Guard.Ed25519Hex));
        }

        [Fact]
        public void Store_ReplyTimes_NeverMoveTheClock()
        {
            var f = Ready(nameof(Store_ReplyTimes_NeverMoveTheClock));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 5, 6, 7);
            f.Client.GetSwarm(recipient);
            long offset = f.NetworkClock.Offset;
            Assert.True(f.NetworkClock.IsSynchronised);
            // Nodes answer with other times, 3 s, then 8 s ahead (each within the store tolerance): no reply's "t"
            // carries the clock along, so no run of replies can walk it away.
            foreach (long ahead in new[] { 3000, 8000 })
            {
                f.Network.ServerTime += ahead;
                Assert.True(f.Client.Store(recipient, f.Random.Bytes(50), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
                Assert.Equal(offset, f.NetworkClock.Offset);
            }
        }

        [Fact]
        public void Store_OneMemberRefusesTimestampAfterResync_AvoidedAndOtherMemberStores()
        {
            var f = Ready(nameof(Store_OneMemberRefusesTimestampAfterResync_AvoidedAndOtherMemberStores));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 5, 6, 7);
            f.Client.GetSwarm(recipient);
            string info = "{\"timestamp\":" + f.Network.ServerTime + ",\"t\":" + f.Network.ServerTime + "}";
            f.Network.DestinationFaults.Enqueue((406, "Timestamp error: check your clock"));
            for (int i = 0; i < ServiceNodeClient.MinimumClockSamples; i++)
            {
                f.Network.DestinationFaults.Enqueue((200, info));
            }
            f.Network.DestinationFaults.Enqueue((406, "Timestamp error: check your clock"));
            int before = f.Network.Delivered.Count;
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(50), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            var stores = f.Network.Delivered.Skip(before).Where(d => d.Method == "store").ToList();
            Assert.Equal(3, stores.Count);
            Assert.NotEqual(stores[1].Destination, stores[2].Destination);
        }

        [Fact]
        public void Resync_OneNodeClockOff_FiveAskedAndTheMedianWins()
        {
            var f = Ready(nameof(Resync_OneNodeClockOff_FiveAskedAndTheMedianWins));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 5, 6, 7);
            f.Client.GetSwarm(recipient);
            long right = f.Network.ServerTime;
            long off = right + 5 * 60 * 1000;
            f.Network.DestinationFaults.Enqueue((406, "Timestamp error: check your clock"));
            foreach (long t in new[] { off, right, right })
            {
                f.Network.DestinationFaults.Enqueue((200, "{\"timestamp\":" + t + ",\"t\":" + t + "}"));
            }
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(50), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            var infos = f.Network.Delivered.Where(d => d.Method == "info").TakeLast(ServiceNodeClient.ResyncSamples).ToList();
            Assert.Equal(ServiceNodeClient.ResyncSamples, infos.Select(d => d.Destination).Distinct().Count());
            Assert.Equal(right - f.Clock.UnixMilliseconds, f.NetworkClock.Offset);
        }

        [Fact]
        public void Store_PathFails_RetryTakesAPathWithoutThatGuard()
        {
            var f = Ready(nameof(Store_PathFails_RetryTakesAPathWithoutThatGuard));
            string recipient = f.NewSessionId();
            // Five members: the failed attempt's 3 relays and destination cannot cover the whole swarm,
            // so the retry never has to fall back to a suspect (such as that guard) as destination.
            f.Network.SetSwarm(recipient, 5, 6, 7, 8, 9);
            f.Client.GetSwarm(recipient);
            f.Network.GuardFaults.Enqueue((504, "Request time out"));
            int posts = f.Network.Posts.Count;
            int before = f.Network.Delivered.Count;
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            string failedGuard = f.Network.Posts.Skip(posts).First(url => url.EndsWith("/onion_req/v2"));
            ServiceNode guard = f.Pool.Nodes.Single(n => failedGuard == n.BaseUrl + "/onion_req/v2");
            var delivered = f.Network.Delivered.Skip(before).Single();
            Assert.DoesNotContain(delivered.Path, p => p.Hex == guard.Ed25519Hex);
            Assert.NotEqual(guard.Ed25519Hex, delivered.Destination.Hex);
        }

        [Fact]
        public void Store_RelayGone_NextNodeNotFoundDropsItAndRetries()
        {
            var f = Ready(nameof(Store_RelayGone_NextNodeNotFoundDropsItAndRetries));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            f.Client.GetSwarm(recipient);
            OnionPath path = f.Paths.Path(0);
            ServiceNode gone = path.Nodes[1];
            f.Network.Down.Add(gone.Ed25519Hex);
            // Paths are picked at random: store until one runs into the gone relay (each store must succeed).
            for (int i = 0; i < 60 && f.Pool.Find(gone.Ed25519Hex) != null; i++)
            {
                Assert.True(f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            }
            Assert.Null(f.Pool.Find(gone.Ed25519Hex));
            Assert.True(f.Network.NextNodeNotFoundCount >= 1);
            Assert.DoesNotContain(gone.Ed25519Hex, f.Swarms.Get(recipient).Select(n => n.Ed25519Hex));
            Assert.All(Enumerable.Range(0, f.Paths.Count), i => Assert.False(f.Paths.Path(i).Contains(gone)));
        }

        [Fact]
        public void Store_GuardErrors_BackOffThenGiveUp()
        {
            var f = Ready(nameof(Store_GuardErrors_BackOffThenGiveUp));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 5, 6, 7, 8, 9);
            f.Client.GetSwarm(recipient);
            for (int i = 0; i < ServiceNodeClient.MaxAttempts; i++)
            {
                f.Network.GuardFaults.Enqueue((i % 2 == 0 ? 504 : 503, "Request time out"));
            }
            var error = Assert.Throws<ServiceNodeException>(() => f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1));
            Assert.Contains("last: path failed: 50", error.Message);
            Assert.Equal(Enumerable.Range(0, ServiceNodeClient.MaxAttempts - 1).Select(i => ServiceNodeClient.BackoffBase << i), f.Clock.Sleeps);

            // Fewer faults than attempts: the request gets through.
            f.Clock.Sleeps.Clear();
            f.Network.GuardFaults.Enqueue((502, "Bad Gateway"));
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            Assert.Equal(new[] { 250 }, f.Clock.Sleeps);
        }

        [Fact]
        public void Store_DestinationErrors_CountedAndOtherMemberUsed()
        {
            var f = Ready(nameof(Store_DestinationErrors_CountedAndOtherMemberUsed));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 7, 8, 9);
            f.Client.GetSwarm(recipient);
            f.Network.DestinationFaults.Enqueue((500, "internal error"));
            int before = f.Network.Delivered.Count;
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            var attempts = f.Network.Delivered.Skip(before).ToList();
            Assert.Equal(2, attempts.Count);
            Assert.NotEqual(attempts[0].Destination, attempts[1].Destination);
        }

        [Fact]
        public void Store_Unauthorized_NoRetry()
        {
            var f = Ready(nameof(Store_Unauthorized_NoRetry));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 7, 8, 9);
            f.Client.GetSwarm(recipient);
            f.Network.DestinationFaults.Enqueue((401, "bad signature"));
            int before = f.Network.Delivered.Count;
            var error = Assert.Throws<ServiceNodeException>(() => f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1));
            Assert.Equal(401, error.Status);
            Assert.Equal(before + 1, f.Network.Delivered.Count);
            f.Network.GuardFaults.Enqueue((400, "Invalid ciphertext"));
            Assert.Equal(400, Assert.Throws<ServiceNodeException>(() => f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1)).Status);
        }

        [Fact]
        public void Store_ReceiptFromWrongSwarm_NotSuccess()
        {
            var f = Ready(nameof(Store_ReceiptFromWrongSwarm_NotSuccess));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 7, 8, 9);
            f.Client.GetSwarm(recipient);
            // The destination answers 200 with a receipt signed by members of another swarm.
            string hash = MessageHash.Compute(recipient, 0, new byte[] { 1, 2, 3 });
            string body = "{\"swarm\":{" + StoreReceiptTests.Entry(f.Network.Nodes[1], f.Network.Nodes[1].Hex, hash) + "},\"t\":" + f.Network.ServerTime + "}";
            f.Network.DestinationFaults.Enqueue((200, body));
            StoreReceipt receipt = f.Client.Store(recipient, new byte[] { 1, 2, 3 }, ServiceNodeClient.DefaultTtl, 1);
            Assert.False(receipt.IsSuccess);
            Assert.Equal(1, receipt.RejectedCount);
        }

        [Fact]
        public void Retrieve_OwnInbox_SignedWithCursorPersisted()
        {
            var f = Ready(nameof(Retrieve_OwnInbox_SignedWithCursorPersisted));
            f.Network.SetSwarm(f.OwnSessionId, 9);
            byte[] first = f.Random.Bytes(30), second = f.Random.Bytes(31), third = f.Random.Bytes(32);
            f.Client.Store(f.OwnSessionId, first, ServiceNodeClient.DefaultTtl, 1);
            f.Client.Store(f.OwnSessionId, second, ServiceNodeClient.DefaultTtl, 1);

            RetrieveResult result = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0);
            Assert.Equal(2, result.Count);
            Assert.Equal(first, result.Message(0).Data);
            Assert.Equal(second, result.Message(1).Data);
            Assert.Equal(MessageHash.Compute(f.OwnSessionId, 0, second), result.Message(1).Hash);
            Assert.Equal(f.Network.Nodes[9].Hex, result.Node);
            string cursorKey = ServiceNodeClient.CursorKey(f.OwnSessionId, 0, f.Pool.Find(f.Network.Nodes[9].Hex));
            Assert.Equal(result.Message(1).Hash, System.Text.Encoding.UTF8.GetString(f.Store.Get(cursorKey)));

            f.Client.Store(f.OwnSessionId, third, ServiceNodeClient.DefaultTtl, 1);
            result = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0);
            Assert.Equal(1, result.Count);
            Assert.Equal(third, result.Message(0).Data);
            Assert.Equal(0, f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0).Count);
        }

        [Fact]
        public void Peek_LeavesTheCursor_MoveCursorMovesItPastTheHandledMessageOnly()
        {
            var f = Ready(nameof(Peek_LeavesTheCursor_MoveCursorMovesItPastTheHandledMessageOnly));
            f.Network.SetSwarm(f.OwnSessionId, 9);
            byte[] first = f.Random.Bytes(30), second = f.Random.Bytes(31);
            f.Client.Store(f.OwnSessionId, first, ServiceNodeClient.DefaultTtl, 1);
            f.Client.Store(f.OwnSessionId, second, ServiceNodeClient.DefaultTtl, 1);
            string cursorKey = ServiceNodeClient.CursorKey(f.OwnSessionId, 0, f.Pool.Find(f.Network.Nodes[9].Hex));

            // A receiver that stopped before handling anything gets both again.
            Assert.Equal(2, f.Client.Peek(f.OwnSessionId, f.OwnSecretKey, 0).Count);
            Assert.Null(f.Store.Get(cursorKey));
            RetrieveResult result = f.Client.Peek(f.OwnSessionId, f.OwnSecretKey, 0);
            Assert.Equal(2, result.Count);

            // Only the first was handled: the second comes again.
            f.Client.MoveCursor(result, 0);
            Assert.Equal(result.Message(0).Hash, System.Text.Encoding.UTF8.GetString(f.Store.Get(cursorKey)));
            RetrieveResult rest = f.Client.Peek(f.OwnSessionId, f.OwnSecretKey, 0);
            Assert.Equal(second, Assert.Single(Enumerable.Range(0, rest.Count).Select(rest.Message)).Data);
            f.Client.MoveCursor(rest, 0);
            Assert.Equal(0, f.Client.Peek(f.OwnSessionId, f.OwnSecretKey, 0).Count);

            Assert.Throws<ArgumentException>(() => f.Client.MoveCursor(rest, 1));
            Assert.Throws<ArgumentNullException>(() => f.Client.MoveCursor(null, 0));
        }

        [Fact]
        public void Retrieve_WrongKey_Unauthorized()
        {
            var f = Ready(nameof(Retrieve_WrongKey_Unauthorized));
            f.Network.SetSwarm(f.OwnSessionId, 8, 9);
            byte[] otherKey = Sodium.PublicKeyAuth.GenerateKeyPair(f.Random.Bytes(32)).PrivateKey;
            var error = Assert.Throws<ServiceNodeException>(() => f.Client.Retrieve(f.OwnSessionId, otherKey, 0));
            Assert.Equal(401, error.Status);
        }

        [Fact]
        public void Store_GuardAnswers425_ResyncsThenSucceeds()
        {
            var f = Ready(nameof(Store_GuardAnswers425_ResyncsThenSucceeds));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 7, 8);
            f.Client.GetSwarm(recipient);
            f.Network.GuardFaults.Enqueue((425, "Too early"));
            int infos = f.Network.Delivered.Count(d => d.Method == "info");
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            Assert.Equal(infos + ServiceNodeClient.MinimumClockSamples, f.Network.Delivered.Count(d => d.Method == "info"));
        }

        [Fact]
        public void Store_421WithoutSnodes_AvoidsThatMember()
        {
            var f = Ready(nameof(Store_421WithoutSnodes_AvoidsThatMember));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 7, 8, 9);
            f.Client.GetSwarm(recipient);
            f.Network.DestinationFaults.Enqueue((421, "{\"t\":1700000000000}"));
            int before = f.Network.Delivered.Count;
            Assert.True(f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            var attempts = f.Network.Delivered.Skip(before).ToList();
            Assert.Equal(2, attempts.Count);
            Assert.NotEqual(attempts[0].Destination, attempts[1].Destination);
            Assert.Equal(3, f.Swarms.Get(recipient).Length);
        }

        [Fact]
        public void Store_MemberFailsThreeTimes_DroppedFromPoolAndSwarm()
        {
            var f = Ready(nameof(Store_MemberFailsThreeTimes_DroppedFromPoolAndSwarm));
            string recipient = f.NewSessionId();
            f.Network.SetSwarm(recipient, 9);
            f.Client.GetSwarm(recipient);
            string member = f.Network.Nodes[9].Hex;
            for (int i = 0; i < NodePool.FailureThreshold; i++)
            {
                f.Network.DestinationFaults.Enqueue((503, "Snode not ready"));
                Assert.Throws<ServiceNodeException>(() => f.Client.Store(recipient, f.Random.Bytes(40), ServiceNodeClient.DefaultTtl, 1));
            }
            Assert.Null(f.Pool.Find(member));
            // It was the swarm's one member: set aside, so the client asked the seed for the swarm again.
            Assert.Equal(2, f.Network.SwarmLookups);
        }
    }
}
