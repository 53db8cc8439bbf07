using System.Linq;
using Session.Core.Micro.Network;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    /// <summary>
    /// Retrieve within a reply limit (docs/protocol.md §3.3) on the fake network, whose nodes apply the storage server's
    /// budgets and whose transport, like the device's, refuses a reply over its limit: the request's max_size and
    /// max_count, pages that fit the limit and follow one member's cursor, and a message larger than a page, skipped.
    /// </summary>
    public class RetrievePagingTests
    {
        private const int Limit = 48 * 1024;
        private readonly ITestOutputHelper _output;

        public RetrievePagingTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private NetworkFixture Ready(string name)
        {
            var f = new NetworkFixture(_output, name, 10);
            f.Pool.Bootstrap();
            f.Client.SyncClock();
            // The swarm is the four nodes on no path, so no destination ever sits on a path and paths change only by failing.
            int[] free = Enumerable.Range(0, 10).Where(i => !Enumerable.Range(0, f.Paths.Count).Any(p => f.Paths.Path(p).Contains(f.Network.Nodes[i].Hex))).ToArray();
            Assert.True(free.Length >= 4, free.Length + " nodes on no path");
            f.Network.SetSwarm(f.OwnSessionId, free.Take(4).ToArray());
            // Known already, as after an earlier poll: a get_swarm now would go to a random node, maybe on a path.
            f.Swarms.Set(f.OwnSessionId, f.Network.SwarmIds[f.Network.Nodes[free[0]].Hex], free.Take(4).Select(i => f.Pool.Find(f.Network.Nodes[i].Hex)).ToArray(), f.Clock.UnixMilliseconds);
            f.Network.MaxReplyBytes = Limit;
            return f;
        }

        [Fact]
        public void Retrieve_WithAReplyLimit_SendsMaxSizeAndMaxCountThatFitIt()
        {
            var f = Ready(nameof(Retrieve_WithAReplyLimit_SendsMaxSizeAndMaxCountThatFitIt));
            f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, null);
            var sent = f.Network.RetrieveParams.Last();
            long maxSize = (long)sent["max_size"];
            // Base64 of the sealed JSON must fit the limit: the JSON at most 3/4 of it, with room for what surrounds the messages.
            Assert.InRange(maxSize, Limit / 2, Limit * 3 / 4 - 512);
            Assert.Equal(RetrieveRequest.MaxCount, (int)sent["max_count"]);

            f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0);
            Assert.Null(f.Network.RetrieveParams.Last()["max_size"]);
            Assert.Null(f.Network.RetrieveParams.Last()["max_count"]);
            Assert.Throws<System.ArgumentException>(() => f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, RetrieveRequest.MinReplyBytes - 1, null));
        }

        [Theory]
        [InlineData(1, 400)]
        [InlineData(700, 1000)]
        [InlineData(1, 26_000)]
        [InlineData(20_000, 26_000)]
        public void Retrieve_InboxFullOfJunk_EveryPageFitsTheLimit_AndThePagesReachTheLastMessage(int smallest, int largest)
        {
            var f = Ready(nameof(Retrieve_InboxFullOfJunk_EveryPageFitsTheLimit_AndThePagesReachTheLastMessage) + smallest);
            for (int i = 0; i < 120; i++)
            {
                f.Network.Deposit(f.OwnSessionId, f.Random.Bytes(smallest + f.Random.Next(largest - smallest + 1)));
            }
            byte[] last = f.Random.Bytes(500);
            f.Network.Deposit(f.OwnSessionId, last);
            string before = Paths(f);

            RetrieveResult page = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, null);
            string member = page.Node;
            int read = page.Count;
            int pages = 1;
            while (page.More)
            {
                page = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, page.Node);
                Assert.Equal(member, page.Node);
                Assert.InRange(page.Count, 1, RetrieveRequest.MaxCount);
                read += page.Count;
                pages++;
            }
            Assert.Equal(121, read);
            Assert.Equal(last, page.Message(page.Count - 1).Data);
            Assert.Equal(pages, f.Network.RetrieveParams.Count);
            // No reply was too large: no attempt beyond one per page, no path changed.
            Assert.Equal(before, Paths(f));
            Assert.Equal(pages, f.Network.Delivered.Count(d => d.Method == "retrieve"));
        }

        [Theory]
        [InlineData(60_000)]
        [InlineData(76_800)]
        public void Retrieve_AMessageLargerThanTheLimit_IsSkipped_AndTheMessageBehindItIsRead(int size)
        {
            var f = Ready(nameof(Retrieve_AMessageLargerThanTheLimit_IsSkipped_AndTheMessageBehindItIsRead) + size);
            // The node returns the first message whatever the budget: a stranger's message over the device's limit
            // comes back alone, and the acknowledgement stored after it must still be read.
            byte[] big = f.Random.Bytes(size);
            f.Network.Deposit(f.OwnSessionId, big);
            byte[] behind = f.Random.Bytes(500);
            f.Network.Deposit(f.OwnSessionId, behind);
            string before = Paths(f);

            RetrieveResult first = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, null);
            Assert.Equal(1, first.Count);
            Assert.True(first.Message(0).IsSkipped);
            Assert.Null(first.Message(0).Data);
            Assert.InRange(first.Message(0).Size, size, size + 2);
            Assert.True(first.More);
            RetrieveResult second = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, first.Node);
            Assert.Equal(first.Node, second.Node);
            Assert.Equal(1, second.Count);
            Assert.False(second.Message(0).IsSkipped);
            Assert.Equal(behind, second.Message(0).Data);
            Assert.False(second.More);
            // One onion request per page, and no path paid for the large reply.
            Assert.Equal(before, Paths(f));
            Assert.Equal(2, f.Network.Delivered.Count(d => d.Method == "retrieve"));
        }

        [Fact]
        public void Retrieve_AReplyWhoseTagDoesNotVerify_AcceptsNothing_AndAsksAnotherMember()
        {
            var f = Ready(nameof(Retrieve_AReplyWhoseTagDoesNotVerify_AcceptsNothing_AndAsksAnotherMember));
            f.Network.Deposit(f.OwnSessionId, f.Random.Bytes(60_000));
            f.Network.Deposit(f.OwnSessionId, f.Random.Bytes(500));
            // Every reply comes back with one bit of its tag flipped: the messages in it decrypt, but none may count.
            f.Network.TamperReplies = true;
            var error = Assert.Throws<ServiceNodeException>(() => f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, null));
            Assert.Contains("failed authentication", error.Message);
            // No cursor moved: untampered, the same member's first page is the large message again.
            f.Network.TamperReplies = false;
            RetrieveResult page = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, null);
            Assert.True(page.Message(0).IsSkipped);
        }

        [Theory]
        [InlineData(20_000)]
        [InlineData(76_800)]
        public void Retrieve_WhateverTheMessageSize_AllocatesWithinTheReplyLimit(int size)
        {
            var f = Ready(nameof(Retrieve_WhateverTheMessageSize_AllocatesWithinTheReplyLimit) + size);
            f.Network.Deposit(f.OwnSessionId, f.Random.Bytes(size));
            // The first read warms up what is allocated once (the JIT's, static tables).
            string member = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, null).Node;
            // An empty page: what building, sending and signing the request cost, and the data buffer.
            long empty = ClientAllocated(f, member, out _);
            f.Network.Deposit(f.OwnSessionId, f.Random.Bytes(size));
            long used = ClientAllocated(f, member, out RetrieveResult page);
            _output.WriteLine("a message of " + size + " bytes: the retrieve allocated " + used + " bytes on the client's side, an empty page " + empty);
            Assert.Equal(size > 26_000, page.Message(0).IsSkipped);
            // Beyond an empty page: the kept message's copy and a few KB, however large the message. Either measured call
            // may also pay incidental work that varies with the seeded run (the empty page was seen at 51,952 to 58,824
            // bytes), hence 16 KB; a reader that held a skipped 76,800-byte message would need about 100 KB more.
            long bound = empty + (page.Message(0).IsSkipped ? 0 : size) + 16384;
            Assert.InRange(used, 1, bound);
        }

        [Fact]
        public void Retrieve_WithoutABudget_AJunkFilledInboxIsTooLarge_ButNoPathIsDroppedOrCharged()
        {
            var f = Ready(nameof(Retrieve_WithoutABudget_AJunkFilledInboxIsTooLarge_ButNoPathIsDroppedOrCharged));
            for (int i = 0; i < 60; i++)
            {
                f.Network.Deposit(f.OwnSessionId, f.Random.Bytes(1000));
            }
            string before = Paths(f);
            Assert.Throws<ServiceNodeException>(() => f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0));
            Assert.Equal(before, Paths(f));
            // With a budget the same inbox reads.
            Assert.True(f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, null).More);
        }

        [Fact]
        public void Retrieve_AMemberAnswersLongerThanAnyNode_StoppedThere_NoPathDroppedOrCharged_AnotherMemberAsked()
        {
            var f = Ready(nameof(Retrieve_AMemberAnswersLongerThanAnyNode_StoppedThere_NoPathDroppedOrCharged_AnotherMemberAsked));
            f.Network.Deposit(f.OwnSessionId, f.Random.Bytes(500));
            string before = Paths(f);
            // The member asked first puts a megabyte of junk in front of its answer.
            f.Network.DestinationFaults.Enqueue((200, "{\"junk\":\"" + new string('j', 1 << 20) + "\",\"messages\":[]}"));
            RetrieveResult page = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, null);
            Assert.Equal(1, page.Count);
            Assert.Equal(before, Paths(f));
            Assert.Equal(2, f.Network.Delivered.Count(d => d.Method == "retrieve"));
        }

        // What one retrieve from member allocates, less what the fake network allocated to answer (sealing, base64): the node's work, not the device's.
        private static long ClientAllocated(NetworkFixture f, string member, out RetrieveResult page)
        {
            long server = f.Network.ServerAllocated;
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            page = f.Client.Retrieve(f.OwnSessionId, f.OwnSecretKey, 0, Limit, member);
            return System.GC.GetAllocatedBytesForCurrentThread() - before - (f.Network.ServerAllocated - server);
        }

        // The live paths, their nodes and failure counts.
        private static string Paths(NetworkFixture f)
        {
            return string.Join(" | ", Enumerable.Range(0, f.Paths.Count).Select(p => string.Join(",", f.Paths.Path(p).Nodes.Select(n => n.Ed25519Hex.Substring(0, 8)))
                + " failures " + f.Paths.Path(p).Failures));
        }
    }
}
