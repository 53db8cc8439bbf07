using System;
using System.Linq;
using System.Text;
using Session.Core.Micro.Onion;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Onion
{
    public class OnionReplyTests
    {
        private readonly ITestOutputHelper _output;

        public OnionReplyTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private (OnionKeys Keys, OnionTestNode[] Nodes, SeededRandom Random) Setup(string name)
        {
            var random = new SeededRandom(_output, name);
            OnionTestNode[] nodes = OnionBuilderTests.Nodes(random, 4);
            var keys = OnionKeys.Create(nodes.Take(3).Select(n => n.Node).ToArray(), nodes[3].Node, new FixedRandom(random.Bytes(128)));
            return (keys, nodes, random);
        }

        private static byte[] Reply(OnionKeys keys, OnionTestNode destination, string json, byte[] nonce)
        {
            byte[] sealedReply = destination.SealReply(System.Text.Encoding.UTF8.GetBytes(json), keys.EphemeralPublicKey(3), nonce);
            return System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(sealedReply));
        }

        [Fact]
        public void Read_DestinationReply_StatusAndBody()
        {
            var (keys, nodes, random) = Setup(nameof(Read_DestinationReply_StatusAndBody));
            byte[] body = Reply(keys, nodes[3], "{\"status\":200,\"body\":\"{\\\"t\\\":1700000000000}\"}", random.Bytes(24));
            OnionReply reply = OnionReply.Read(keys, 200, body);
            Assert.Equal(OnionReplyKind.Delivered, reply.Kind);
            Assert.Equal(200, reply.Status);
            Assert.Equal("{\"t\":1700000000000}", reply.Body);

            byte[] legacy = System.Text.Encoding.ASCII.GetBytes("{\"result\":\"" + System.Text.Encoding.ASCII.GetString(Reply(keys, nodes[3], "{\"status_code\":421,\"body\":\"x\"}", random.Bytes(24))) + "\"}");
            reply = OnionReply.Read(keys, 200, legacy);
            Assert.Equal(OnionReplyKind.Delivered, reply.Kind);
            Assert.Equal(421, reply.Status);
        }

        [Theory]
        [InlineData(" \t\r\n", "\n")]
        [InlineData("", "\u000b\u000c ")]
        public void Read_WhiteSpaceAroundTheBase64_Ignored(string before, string after)
        {
            var (keys, nodes, random) = Setup(nameof(Read_WhiteSpaceAroundTheBase64_Ignored));
            before = System.Text.RegularExpressions.Regex.Unescape(before);
            after = System.Text.RegularExpressions.Regex.Unescape(after);
            string base64 = System.Text.Encoding.ASCII.GetString(Reply(keys, nodes[3], "{\"status\":200,\"body\":\"x\"}", random.Bytes(24)));
            OnionReply reply = OnionReply.Read(keys, 200, System.Text.Encoding.ASCII.GetBytes(before + base64 + after));
            Assert.Equal(OnionReplyKind.Delivered, reply.Kind);
            Assert.Equal("x", reply.Body);
            // The legacy wrapper is JSON, with JSON's white space around it.
            reply = OnionReply.Read(keys, 200, System.Text.Encoding.ASCII.GetBytes(" \r\n{\"result\":\"" + base64 + "\"}\t"));
            Assert.Equal(OnionReplyKind.Delivered, reply.Kind);
            // Inside the base64 white space is not allowed.
            string broken = base64.Substring(0, 8) + " " + base64.Substring(8);
            Assert.Equal(OnionReplyKind.Undecryptable, OnionReply.Read(keys, 200, System.Text.Encoding.ASCII.GetBytes(broken)).Kind);
            Assert.Equal(OnionReplyKind.Undecryptable, OnionReply.Read(keys, 200, System.Text.Encoding.ASCII.GetBytes(" \n ")).Kind);
        }

        [Fact]
        public void Read_LargeReply_AllocatesAFewTimesItsSize()
        {
            var (keys, nodes, random) = Setup(nameof(Read_LargeReply_AllocatesAFewTimesItsSize));
            // A retrieve reply's worth of body: 30 stored messages' base64, escaped inside the {status, body} envelope.
            var inner = new StringBuilder("{\\\"messages\\\":[");
            for (int i = 0; i < 30; i++)
            {
                inner.Append(i == 0 ? "" : ",").Append("{\\\"data\\\":\\\"").Append(Convert.ToBase64String(random.Bytes(558))).Append("\\\"}");
            }
            inner.Append("]}");
            byte[] body = Reply(keys, nodes[3], "{\"status\":200,\"body\":\"" + inner + "\"}", random.Bytes(24));
            Assert.Equal(OnionReplyKind.Delivered, OnionReply.Read(keys, 200, body).Kind);
            long before = GC.GetAllocatedBytesForCurrentThread();
            OnionReply reply = OnionReply.Read(keys, 200, body);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            _output.WriteLine(body.Length + " bytes of reply, " + allocated + " bytes allocated to read it (the body is " + reply.Body.Length + " characters)");
            Assert.StartsWith("{\"messages\":[{\"data\":\"", reply.Body);
            // The decoded reply, its plaintext, the body's characters and the body (2 bytes per
            // character on .NET): about 4.5 times the reply, and no text copy of the base64.
            Assert.InRange(allocated, body.Length, 5 * body.Length);
        }

        [Fact]
        public void Read_TamperedOrForeignReply_Undecryptable()
        {
            var (keys, nodes, random) = Setup(nameof(Read_TamperedOrForeignReply_Undecryptable));
            byte[] good = Reply(keys, nodes[3], "{\"status\":200,\"body\":\"\"}", random.Bytes(24));
            byte[] raw = Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(good));
            raw[random.Next(raw.Length)] ^= 1;
            Assert.Equal(OnionReplyKind.Undecryptable, OnionReply.Read(keys, 200, System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(raw))).Kind);
            // Sealed by a path node instead of the destination.
            byte[] foreign = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(nodes[2].SealReply(System.Text.Encoding.UTF8.GetBytes("{\"status\":200,\"body\":\"\"}"), keys.EphemeralPublicKey(2), random.Bytes(24))));
            Assert.Equal(OnionReplyKind.Undecryptable, OnionReply.Read(keys, 200, foreign).Kind);
            Assert.Equal(OnionReplyKind.Undecryptable, OnionReply.Read(keys, 200, System.Text.Encoding.ASCII.GetBytes("not base64!")).Kind);
            Assert.Equal(OnionReplyKind.Undecryptable, OnionReply.Read(keys, 200, Reply(keys, nodes[3], "{\"body\":\"no status\"}", random.Bytes(24))).Kind);
            Assert.Equal(OnionReplyKind.Undecryptable, OnionReply.Read(keys, 200, Reply(keys, nodes[3], "[1,2", random.Bytes(24))).Kind);
        }

        [Theory]
        [InlineData(502, "Next node not found: ", OnionReplyKind.NextNodeNotFound)]
        [InlineData(502, "502 Bad Gateway\n\nNext node not found: ", OnionReplyKind.NextNodeNotFound)]
        [InlineData(503, "Snode not ready: abc", OnionReplyKind.PathFailure)]
        [InlineData(504, "Request time out", OnionReplyKind.PathFailure)]
        [InlineData(500, "Invalid response from snode", OnionReplyKind.PathFailure)]
        [InlineData(0, "", OnionReplyKind.PathFailure)]
        [InlineData(406, "Timestamp error: check your clock", OnionReplyKind.ClockOutOfSync)]
        [InlineData(425, "", OnionReplyKind.ClockOutOfSync)]
        [InlineData(400, "Invalid ciphertext", OnionReplyKind.Rejected)]
        [InlineData(401, "", OnionReplyKind.Rejected)]
        [InlineData(413, "", OnionReplyKind.Rejected)]
        public void Read_PlaintextPathErrors_ClassifiedNeverDecrypted(int status, string text, OnionReplyKind kind)
        {
            var (keys, nodes, random) = Setup(nameof(Read_PlaintextPathErrors_ClassifiedNeverDecrypted));
            string body = kind == OnionReplyKind.NextNodeNotFound ? text + nodes[2].Hex.ToUpperInvariant() : text;
            OnionReply reply = OnionReply.Read(keys, status, System.Text.Encoding.UTF8.GetBytes(body));
            Assert.Equal(kind, reply.Kind);
            Assert.Equal(status, reply.Status);
            Assert.Equal(kind == OnionReplyKind.NextNodeNotFound ? nodes[2].Hex : null, reply.MissingNode);
            // A valid sealed reply carried with a non-200 status is still a path error: never decrypted.
            OnionReply sealedButFailed = OnionReply.Read(keys, status, Reply(keys, nodes[3], "{\"status\":200,\"body\":\"\"}", random.Bytes(24)));
            Assert.NotEqual(OnionReplyKind.Delivered, sealedButFailed.Kind);
        }

        [Theory]
        [InlineData("", 63, "", OnionReplyKind.PathFailure)]
        [InlineData("", 65, "", OnionReplyKind.PathFailure)]
        [InlineData("", 64, "\n", OnionReplyKind.NextNodeNotFound)]
        [InlineData("", 64, " (gone)", OnionReplyKind.NextNodeNotFound)]
        [InlineData("", 64, "g", OnionReplyKind.NextNodeNotFound)]
        [InlineData("Bad Gateway\r\n", 64, "", OnionReplyKind.NextNodeNotFound)]
        public void Read_NextNodeNotFound_NeedsExactly64HexDigits(string before, int digits, string after, OnionReplyKind kind)
        {
            var (keys, _, random) = Setup(nameof(Read_NextNodeNotFound_NeedsExactly64HexDigits));
            string hex = Convert.ToHexString(random.Bytes(33)).Substring(0, digits);
            string text = System.Text.RegularExpressions.Regex.Unescape(before) + OnionReply.NextNodeNotFoundPrefix + hex + System.Text.RegularExpressions.Regex.Unescape(after);
            OnionReply reply = OnionReply.Read(keys, 502, System.Text.Encoding.ASCII.GetBytes(text));
            Assert.Equal(kind, reply.Kind);
            Assert.Equal(kind == OnionReplyKind.NextNodeNotFound ? hex.ToLowerInvariant() : null, reply.MissingNode);
        }

        [Fact]
        public void Read_HugeErrorBody_QuotedShort()
        {
            var (keys, _, _) = Setup(nameof(Read_HugeErrorBody_QuotedShort));
            OnionReply reply = OnionReply.Read(keys, 503, new byte[1_000_000]);
            Assert.True(reply.Body.Length <= 200);
        }
    }
}
