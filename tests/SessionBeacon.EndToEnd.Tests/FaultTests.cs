using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.EndToEnd.Tests.Support;
using SessionBeacon.Harness.Storage;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.EndToEnd.Tests
{
    /// <summary>
    /// The faults real service nodes show, against the real testnet: each test injects one fault,
    /// sends alerts until the client has met it (shown by what the nodes observed), and ends with a delivered message
    /// whose receipt verified and which the recipient retrieves and opens; or, where no path can
    /// work, with an error naming the cause. Every test heals the network afterwards.
    /// </summary>
    [Collection("testnet")]
    public class FaultTests : IAsyncLifetime
    {
        // A round meets its fault with a chance of about 1 in 4 (a member of four picked as the destination): 25 rounds
        // missed it about once in 1,300 runs, 50 about once in 1.8 million.
        private const int MaxRounds = 50;

        // Sends of one round's alert: a round whose store ran out of attempts (faults and a loaded machine's timeouts
        // together) is sent again, as the beacon's outbox would.
        private const int Sends = 3;

        private readonly TestnetFixture _net;
        private readonly ITestOutputHelper _output;
        private readonly IdentityKeys _sender = BeaconClient.NewIdentity();
        private readonly IdentityKeys _recipient = BeaconClient.NewIdentity();
        private BeaconClient _beacon;

        public FaultTests(TestnetFixture net, ITestOutputHelper output)
        {
            _net = net;
            _output = output;
        }

        private int[] Swarm => _net.SwarmOf(_recipient.SessionId);

        public Task InitializeAsync()
        {
            _beacon = new BeaconClient(_net.Network, _net.NewClientFolder(), _sender);
            // A healthy first alert: the beacon has its paths and the recipient's swarm.
            Sent first = _beacon.SendAlert(_recipient, "warm-up", 1, Sends);
            Checks.Verified(_net, first, _recipient, 1);
            // The recipient's phone is online too: it has its own paths and swarm before the fault.
            Checks.Received(Reader(), first, _sender);
            return Task.CompletedTask;
        }

        public Task DisposeAsync()
        {
            foreach (BeaconClient client in new[] { _beacon, _reader })
            {
                if (client != null)
                {
                    _output.WriteLine("POSTs of " + (client == _beacon ? "the beacon" : "the reader") + ":");
                    foreach (string line in client.Transport.Lines)
                    {
                        _output.WriteLine("  " + line);
                    }
                }
            }
            return _net.HealAsync();
        }

        [Fact]
        public async Task GuardDown_RoutedAround()
        {
            // Before each alert the guards of the client's current paths go down (and the ones downed
            // before come back), so the alert meets a downed guard even when the client has replaced
            // its paths in the meantime.
            var downed = new List<ServiceNode>();
            async Task DownCurrentGuards()
            {
                ServiceNode[] guards = Enumerable.Range(0, _beacon.Paths.Count).Select(i => _beacon.Paths.Path(i).Guard).ToArray();
                foreach (ServiceNode old in downed.Where(d => !guards.Contains(d)).ToArray())
                {
                    await _net.Network.SetFaultsAsync(_net.IndexOf(old.Ed25519Hex), NodeFaults.None);
                    downed.Remove(old);
                }
                foreach (ServiceNode guard in guards.Where(g => !downed.Contains(g)))
                {
                    await _net.Network.SetFaultsAsync(_net.IndexOf(guard.Ed25519Hex), NodeFaults.None with { Down = true });
                    downed.Add(guard);
                }
            }
            await DeliverAsync(k: 1, met: _ => _beacon.Transport.Lines.Any(line =>
                downed.Any(g => line.Contains(g.BaseUrl + "/onion_req/v2 => 0")) && line.Contains("refused")),
                beforeRound: DownCurrentGuards);
        }

        [Fact]
        public async Task MiddleNodeDown_RoutedAround()
        {
            // Before each alert the middle node of each of the client's current paths goes down (and
            // the ones downed before come back): the client replaces paths at random, so this way an
            // alert meets a downed middle node whatever paths it holds by then.
            var downed = new List<string>();
            async Task DownCurrentMiddles()
            {
                string[] middles = Enumerable.Range(0, _beacon.Paths.Count).Select(i => _beacon.Paths.Path(i).Nodes[1].Ed25519Hex).Distinct().ToArray();
                foreach (string old in downed.Where(d => !middles.Contains(d)).ToArray())
                {
                    await _net.Network.SetFaultsAsync(_net.IndexOf(old), NodeFaults.None);
                    downed.Remove(old);
                }
                foreach (string middle in middles.Where(m => !downed.Contains(m)))
                {
                    await _net.Network.SetFaultsAsync(_net.IndexOf(middle), NodeFaults.None with { Down = true });
                    downed.Add(middle);
                }
            }
            // A guard answered 504 for a middle node it could not reach.
            await DeliverAsync(k: 1, met: seen => seen.SelectMany(s => s).Any(o => o.Status == 504 && downed.Contains(o.NextHop)),
                beforeRound: DownCurrentMiddles);
        }

        [Fact]
        public async Task DestinationDown_OtherMemberStores()
        {
            int down = Swarm[0];
            await _net.Network.SetFaultsAsync(down, NodeFaults.None with { Down = true });
            string key = _net.KeyOf(down);
            // The last relay answered 504 for the member it could not reach.
            Sent sent = await DeliverAsync(k: 3, met: seen => seen.SelectMany(s => s).Any(o => o.Status == 504 && o.NextHop == key));
            Assert.Equal(3, sent.Receipt.VerifiedCount);
            Assert.DoesNotContain(key, sent.Receipt.VerifiedMembers);
            Assert.Equal(1, sent.Receipt.FailedCount);
        }

        [Fact]
        public async Task WholeSwarmDown_ClearErrorNamingTheSwarm()
        {
            // No node is slow here: with the short timeout, an attempt a loaded machine held up would end in "no answer
            // within" instead of the cause this test checks the error names.
            _beacon.UsePatientTimeouts();
            foreach (int node in Swarm)
            {
                await _net.Network.SetFaultsAsync(node, NodeFaults.None with { Down = true });
            }
            var error = Assert.Throws<ServiceNodeException>(() => _beacon.SendAlert(_recipient, "nobody home", 1));
            _output.WriteLine(error.Message);
            Assert.Contains("every member of the swarm of " + _recipient.SessionId + " failed this request; last: ", error.Message);
            // The last cause is a hop that could not reach a member, or a member that was also a guard refusing connections.
            Assert.True(error.Message.Contains("504 Request time out") || error.Message.Contains("Connection refused"), error.Message);
        }

        [Fact]
        public async Task SlowRelayPastTimeout_RoutedAround()
        {
            // Before each alert a relay of each of the client's current paths (never a member of the
            // recipient's swarm, whose slowness would hold up every store through replication) starts
            // answering long after the timeout, and the relays slowed before recover: the client
            // replaces paths at random, so this way an alert meets a slow relay whatever paths it holds.
            var slowed = new List<string>();
            async Task SlowCurrentRelays()
            {
                string[] slow = Enumerable.Range(0, _beacon.Paths.Count)
                    .Select(i => _beacon.Paths.Path(i).Nodes.Select(n => n.Ed25519Hex).FirstOrDefault(key => !Swarm.Contains(_net.IndexOf(key))))
                    .Where(key => key != null).Distinct().ToArray();
                if (slow.Length == 0)
                {
                    // Every relay of every path is a member: this round goes unslowed. A path through the round's
                    // destination is not used but replaced, so a later round may find a relay to slow.
                    _output.WriteLine("no relay outside the swarm to slow before this round");
                }
                foreach (string old in slowed.Where(d => !slow.Contains(d)).ToArray())
                {
                    await _net.Network.SetFaultsAsync(_net.IndexOf(old), NodeFaults.None);
                    slowed.Remove(old);
                }
                foreach (string key in slow.Where(k => !slowed.Contains(k)))
                {
                    await _net.Network.SetFaultsAsync(_net.IndexOf(key), NodeFaults.None with { DelayMs = 4 * BeaconClient.RequestTimeout });
                    slowed.Add(key);
                }
            }
            await DeliverAsync(k: 3, met: _ => _beacon.Transport.Lines.Any(line => line.Contains("no answer within " + BeaconClient.RequestTimeout + " ms")),
                beforeRound: SlowCurrentRelays);
        }

        [Fact]
        public async Task WrongSwarm421_ClientTakesTheRightSwarmAndRecovers()
        {
            // Two members claim not to hold the recipient: each answers 421 naming the real swarm, and
            // answers get_swarm with another swarm (whose members answer 421 in turn).
            int[] wrong = Swarm.Take(2).ToArray();
            foreach (int node in wrong)
            {
                await _net.Network.SetFaultsAsync(node, NodeFaults.None with { WrongSwarm = true });
            }
            Sent sent = await DeliverAsync(k: 1, met: seen => wrong.Any(i => seen[i].Any(o => o.Destination && o.Status == 421)));
            // The swarm the client now holds for the recipient is the real one.
            Assert.Equal(Swarm.Select(_net.KeyOf).OrderBy(k => k), _beacon.Swarms.Get(_recipient.SessionId).Select(n => n.Ed25519Hex).OrderBy(k => k));
        }

        [Theory]
        [InlineData(+5)]
        [InlineData(-5)]
        public async Task NodeClockSkewed_406ThenResyncAndDelivered(int minutes)
        {
            int skewed = Swarm[0];
            await _net.Network.SetFaultsAsync(skewed, NodeFaults.None with { ClockSkewMs = minutes * 60_000L });
            // The skewed member refused a timestamp with 406 (a store when it is behind; a retrieve,
            // whose window is 60 s, either way), the client resynchronised from other nodes and went
            // elsewhere; the skewed node's "t" did not carry the client's clock along.
            await DeliverAsync(k: 3, met: seen => seen[skewed].Any(o => o.Destination && o.Status == 406), retrieveEachRound: true);
            Assert.InRange(_beacon.NetworkClock.Offset, -10_000, 10_000);
            Assert.InRange(Reader().NetworkClock.Offset, -10_000, 10_000);
        }

        [Fact]
        public async Task CorruptedReply_RetriedAndDelivered()
        {
            int corrupt = Swarm[0];
            await _net.Network.SetFaultsAsync(corrupt, NodeFaults.None with { CorruptReplies = true });
            // The corrupt member stored the message but its reply did not authenticate: the client
            // retried elsewhere and the swarm says it already has the message.
            Sent sent = await DeliverAsync(k: 1, met: seen => seen[corrupt].Any(o => o.Destination && o.Method == "store"));
            Assert.True(sent.Receipt.Already);
        }

        [Fact]
        public async Task NextNodeNotFound_GoneNodeDroppedAndPoolFetchedAgain()
        {
            // A client whose saved pool is stale: besides nodes of only two /24s, it lists a node that has
            // left the network, alone in a third /24, so every 3-hop path it builds must run through it.
            IdentityKeys owner = BeaconClient.NewIdentity();
            var store = new DirectoryStore(_net.NewClientFolder());
            string gone = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            string goneX25519 = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var saved = new System.Text.Json.Nodes.JsonArray();
            foreach (NodeEntry node in _net.Network.Map.Nodes.Take(4))
            {
                saved.Add(new System.Text.Json.Nodes.JsonObject { ["ip"] = node.Ip, ["port"] = node.Port, ["ed25519"] = node.Ed25519Hex, ["x25519"] = node.X25519Hex });
            }
            saved.Add(new System.Text.Json.Nodes.JsonObject { ["ip"] = "127.0." + (TestnetFixture.FirstSubnet + 50) + ".1", ["port"] = 9, ["ed25519"] = gone, ["x25519"] = goneX25519 });
            store.Put(NodePool.StoreKey, System.Text.Encoding.UTF8.GetBytes(saved.ToJsonString()));
            var stale = new BeaconClient(_net.Network, store, owner, bootstrap: false);
            Assert.Equal(5, stale.Pool.Count);
            int[] marks = await Checks.Marks(_net);

            Sent sent = stale.SendAlert(_recipient, "through a stale pool", 3);

            Checks.Verified(_net, sent, _recipient, 3);
            Observation[] seen = (await Checks.SeenSince(_net, marks)).SelectMany(s => s).ToArray();
            Assert.Contains(seen, o => o.Status == 502 && o.NextHop == gone);
            Assert.Null(stale.Pool.Find(gone));
            Assert.Equal(_net.Network.NodeCount, stale.Pool.Count);
            Checks.Received(Reader(), sent, stale.Keys);
            foreach (string line in stale.Transport.Lines)
            {
                _output.WriteLine("  " + line);
            }
        }

        private async Task<Sent> DeliverAsync(int k, Func<Observation[][], bool> met, bool retrieveEachRound = false, Func<Task> beforeRound = null)
        {
            int[] marks = await Checks.Marks(_net);
            for (int round = 1; round <= MaxRounds; round++)
            {
                if (beforeRound != null)
                {
                    await beforeRound();
                }
                Sent sent = _beacon.SendAlert(_recipient, "Alert " + round + " " + Guid.NewGuid(), k, Sends);
                Checks.Verified(_net, sent, _recipient, k);
                if (retrieveEachRound)
                {
                    Checks.Received(Reader(), sent, _sender);
                }
                if (met(await Checks.SeenSince(_net, marks)))
                {
                    _output.WriteLine("fault met in round " + round + "; backoff waits asked: " + string.Join(",", _beacon.Clock.Sleeps));
                    if (!retrieveEachRound)
                    {
                        Checks.Received(Reader(), sent, _sender);
                    }
                    return sent;
                }
            }
            throw new Xunit.Sdk.XunitException("the client never met the fault in " + MaxRounds + " alerts");
        }

        private BeaconClient _reader;

        private BeaconClient Reader() => _reader ??= new BeaconClient(_net.Network, _net.NewClientFolder(), _recipient);
    }
}
