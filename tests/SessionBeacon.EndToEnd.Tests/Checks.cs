using System;
using System.Linq;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Messages;
using Session.Testnet;
using SessionBeacon.EndToEnd.Tests.Support;
using Xunit;

namespace SessionBeacon.EndToEnd.Tests
{
    /// <summary>What every scenario checks at its end.</summary>
    internal static class Checks
    {
        /// <summary>The receipt has at least k member signatures that verified, every one from the recipient's real swarm.</summary>
        public static void Verified(TestnetFixture net, Sent sent, IdentityKeys recipient, int k)
        {
            StoreReceipt receipt = sent.Receipt;
            Assert.True(receipt.IsSuccess, "receipt not verified: " + receipt.VerifiedCount + " verified, " + receipt.RejectedCount + " rejected, " + receipt.FailedCount + " failed");
            Assert.True(receipt.VerifiedCount >= k);
            Assert.Equal(Session.Core.Micro.Network.MessageHash.Compute(recipient.SessionId, 0, sent.Payload), receipt.Hash);
            int[] swarm = net.SwarmOf(recipient.SessionId);
            Assert.All(receipt.VerifiedMembers, member => Assert.Contains(net.IndexOf(member), swarm));
        }

        /// <summary>The recipient retrieves the message through onion requests and opens it: same body, sender and timestamp.</summary>
        public static void Received(BeaconClient reader, Sent sent, IdentityKeys sender)
        {
            RetrieveResult result = reader.Poll();
            RetrievedMessage found = null;
            for (int i = 0; i < result.Count && found == null; i++)
            {
                if (result.Message(i).Hash == sent.Receipt.Hash)
                {
                    found = result.Message(i);
                }
            }
            Assert.True(found != null, "the stored message was not among the " + result.Count + " retrieved");
            Assert.Equal(sent.Payload, found.Data);
            IncomingMessage opened = new MessageReceiver(reader.Keys).OpenStoreData(MessageEncoder.ToStoreData(found.Data));
            Assert.Equal(IncomingMessageKind.DataMessage, opened.Kind);
            Assert.Equal(sent.Body, opened.Body);
            Assert.Equal(sender.SessionId, opened.SenderSessionId);
            Assert.Equal(sent.Timestamp, opened.Timestamp);
        }

        /// <summary>Observations of every node, counted from <paramref name="since"/> (per node).</summary>
        public static async Task<Observation[][]> SeenSince(TestnetFixture net, int[] since)
        {
            var seen = new Observation[net.Network.NodeCount][];
            for (int i = 0; i < seen.Length; i++)
            {
                Observation[] all = await net.Network.ObservationsAsync(i);
                seen[i] = all.Skip(since == null ? 0 : Math.Min(since[i], all.Length)).ToArray();
            }
            return seen;
        }

        /// <summary>
        /// How many alerts from <paramref name="sender"/> node <paramref name="node"/> holds for <paramref name="recipient"/>, opened by
        /// the independent receiver; fails when it holds one alert twice (a recipient would see it twice).
        /// </summary>
        public static int AlertsHeld(TestnetFixture net, int node, IdentityKeys recipient, string sender)
        {
            string[] bodies = Held(net, node, recipient)
                .Select(m => IndependentSession.Open(m.Data, recipient.Ed25519SecretKey.Take(32).ToArray()))
                .Where(o => o.SenderSessionId == sender)
                .Select(o => o.Content.DataMessage.Body)
                .ToArray();
            Assert.Equal(bodies.Length, bodies.Distinct().Count());
            return bodies.Length;
        }

        /// <summary>Every message node <paramref name="node"/> holds for <paramref name="recipient"/> in namespace 0.</summary>
        public static System.Collections.Generic.List<StoredMessage> Held(TestnetFixture net, int node, IdentityKeys recipient) =>
            net.Network.Node(node).Store.Retrieve(recipient.SessionId, 0, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0, 0, out _);

        public static async Task<int[]> Marks(TestnetFixture net)
        {
            var marks = new int[net.Network.NodeCount];
            for (int i = 0; i < marks.Length; i++)
            {
                marks[i] = (await net.Network.ObservationsAsync(i)).Length;
            }
            return marks;
        }
    }
}
