using System;
using System.Text;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.Config;
using SessionBeacon.Esp32;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.Esp32
{
    /// <summary>The device transport's HTTP/1.1 response parser, reading from a real loopback socket.</summary>
    public class HttpResponseReaderTests
    {
        private const int Max = 4096;
        private const long Now = 1_800_000_000_000;

        [Fact]
        public void Read_ContentLength_StopsAtTheBodyWithoutWaitingForClose()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\nhello", close: false);

            Assert.Equal(200, response.Status);
            Assert.Equal("hello", Encoding.ASCII.GetString(response.Body));
        }

        [Fact]
        public void Read_HeaderNamesInAnyCase_AreFound()
        {
            HttpResponse response = Exchange("HTTP/1.0 502 Bad Gateway\r\ncontent-LENGTH:   3 \r\n\r\nbad", close: false);

            Assert.Equal(502, response.Status);
            Assert.Equal("bad", Encoding.ASCII.GetString(response.Body));
        }

        [Fact]
        public void Read_Chunked_JoinsTheChunks()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nonio\r\nB\r\nn response.\r\n0\r\nX-Trailer: t\r\n\r\n", close: true);

            Assert.Equal(200, response.Status);
            Assert.Equal("onion response.", Encoding.ASCII.GetString(response.Body));
        }

        [Fact]
        public void Read_NoLength_ReadsUntilTheServerCloses()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end", close: true);

            Assert.Equal("to the end", Encoding.ASCII.GetString(response.Body));
        }

        [Fact]
        public void Read_ByteByByte_GivesTheSameAnswer()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", close: false, pieceSize: 1);

            Assert.Equal("0123456789", Encoding.ASCII.GetString(response.Body));
        }

        [Fact]
        public void Read_KnownLengthOfExactlyTheMaximum_IsAccepted()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n" + new string('x', Max), close: false);

            Assert.Equal(Max, response.Body.Length);
        }

        [Fact]
        public void Read_BodyUntilCloseOfHalfTheMaximum_IsAccepted()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\n\r\n" + new string('x', Max / 2), close: true);

            Assert.Equal(Max / 2, response.Body.Length);
        }

        [Fact]
        public void Read_BodyUntilCloseOverHalfTheMaximum_Fails()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\n\r\n" + new string('x', Max / 2 + 1), close: true);

            Assert.Equal(0, response.Status);
            Assert.Contains("the answer without a Content-Length is larger than 2048 bytes", response.Error);
            Assert.True(response.IsTooLarge);
        }

        [Theory]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "closed after 5 of 10 bytes")]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 4097\r\n\r\n", "larger than 4096 bytes")]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "bad Content-Length")]
        [InlineData("SSH-2.0-OpenSSH_9.6\r\n\r\n", "not an HTTP/1.x response")]
        [InlineData("HTTP/1.1 20x OK\r\n\r\n", "not an HTTP/1.x response")]
        [InlineData("HTTP/1.1\r\n\r\n", "not an HTTP/1.x response")]
        [InlineData("HTTP/2.0 200 OK\r\n\r\n", "not an HTTP/1.x response")]
        [InlineData("HTTP/1.1_200 OK\r\n\r\n", "not an HTTP/1.x response")]
        [InlineData("HTTP/1.1 099 Low\r\n\r\n", "not an HTTP/1.x response")]
        [InlineData("http/1.1 200 OK\r\n\r\n", "not an HTTP/1.x response")]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Le", "closed before a complete response")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nab\r\n0\r\n\r\n", "malformed chunked body")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "malformed chunked body")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n12345678\r\n", "malformed chunked body")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "malformed chunked body")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nab\r\n", "the connection closed inside the chunked body")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n", "the connection closed inside the chunked body")]
        public void Read_BrokenResponse_FailsWithTheReason(string raw, string reason)
        {
            HttpResponse response = Exchange(raw, close: true);

            Assert.Equal(0, response.Status);
            Assert.Contains(reason, response.Error);
            Assert.StartsWith("POST https://node:1: ", response.Error);
            // Only an answer over the limit is too large (not the path's failure); the others are broken answers.
            Assert.Equal(reason.StartsWith("larger than", System.StringComparison.Ordinal), response.IsTooLarge);
        }

        [Fact]
        public void Read_UnboundedBody_StopsAtTheMaximum()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\n\r\n" + new string('y', Max * 3), close: true);

            Assert.Equal(0, response.Status);
            Assert.Contains("larger than 2048 bytes", response.Error);
            Assert.True(response.IsTooLarge);
        }

        [Fact]
        public void Read_ChunkedBodyOverHalfTheMaximum_Fails()
        {
            string chunk = "400\r\n" + new string('z', 0x400) + "\r\n";
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "1\r\nz\r\n0\r\n\r\n", close: true);

            Assert.Equal(0, response.Status);
            Assert.Contains("the answer without a Content-Length is larger than 2048 bytes", response.Error);
            Assert.True(response.IsTooLarge);
        }

        [Fact]
        public void Read_ChunkedBodyOfHalfTheMaximum_IsAccepted()
        {
            string chunk = "400\r\n" + new string('z', 0x400) + "\r\n";
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n", close: true);

            Assert.Equal(200, response.Status);
            Assert.Equal(Max / 2, response.Body.Length);
        }

        [Fact]
        public void Read_Chunked_StopsAtTheLastChunkWithoutWaitingForClose()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", close: false);

            Assert.Equal("hello", Encoding.ASCII.GetString(response.Body));
        }

        [Fact]
        public void Read_ChunkedByteByByte_GivesTheSameAnswer()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nonio\r\nB\r\nn response.\r\n0\r\nX-Trailer: t\r\n\r\n", close: false, pieceSize: 1);

            Assert.Equal("onion response.", Encoding.ASCII.GetString(response.Body));
        }

        [Fact]
        public void Read_EndlessHeaders_StopAtTheHeaderLimit()
        {
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\n" + new string('h', 9000), close: true);

            Assert.Contains("headers exceed", response.Error);
        }

        [Fact]
        public void Read_DeadlinePassed_FailsWithoutReading()
        {
            var clock = new FakeClock(Now);
            HttpResponse response = Exchange("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", close: false, clock: clock, deadline: Now);

            Assert.Equal(0, response.Status);
            Assert.Contains("did not arrive in time", response.Error);
        }

        // The largest reply a RAM class's cap lets in, in every framing (a body of unknown length may be half
        // the cap), leaves allocations (an upper bound of what the heap held at once) within the reader's part
        // of the budget (HeapBudget.ReplyBytes: the cap and 8 KiB, docs/heap.md).
        [Theory]
        [InlineData("chunked", "psram")]
        [InlineData("close", "psram")]
        [InlineData("length", "psram")]
        [InlineData("chunked", "small")]
        [InlineData("close", "standard")]
        [InlineData("length", "small")]
        public void Read_LargestReplyOfTheCap_AllocatesWithinTheBudget(string framing, string ramClass)
        {
            int cap = HeapBudget.ReplyCapFor(ramClass);
            int body = framing == "length" ? cap : cap / 2;
            byte[] raw = Encoding.ASCII.GetBytes(Framed(framing, new string('r', body), 0x800));
            var stream = new System.IO.MemoryStream(raw);
            // Once before measuring, so that the JIT's own allocations are not counted.
            HttpResponseReader.Read(new System.IO.MemoryStream(raw), new FakeClock(Now), Now + 60_000, cap, "https://node:1");

            long before = GC.GetAllocatedBytesForCurrentThread();
            HttpResponse response = HttpResponseReader.Read(stream, new FakeClock(Now), Now + 60_000, cap, "https://node:1");
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(body, response.Body.Length);
            Assert.True(allocated <= HeapBudget.ReplyBytes(cap), framing + ": " + allocated + " bytes allocated for a " + body + "-byte reply");
        }

        // A chunked reply in chunks of one byte: the framing is five times the body, yet only the body is kept.
        [Fact]
        public void Read_ChunkedInTinyChunks_KeepsOnlyTheBody()
        {
            const int Body = 512;
            byte[] raw = Encoding.ASCII.GetBytes(Framed("chunked", new string('t', Body), 1));
            // Once before measuring, as above: the first read in a run also pays the JIT and the types' first use
            // (12,456 bytes once, in a clean clone's run).
            HttpResponseReader.Read(new System.IO.MemoryStream(raw), new FakeClock(Now), Now + 60_000, Max, "https://node:1");
            long before = GC.GetAllocatedBytesForCurrentThread();
            HttpResponse response = HttpResponseReader.Read(new System.IO.MemoryStream(raw), new FakeClock(Now), Now + 60_000, Max, "https://node:1");
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(200, response.Status);
            Assert.Equal(new string('t', Body), Encoding.ASCII.GetString(response.Body));
            Assert.True(allocated < raw.Length + 8 * 1024, allocated + " bytes allocated for a " + raw.Length + "-byte response");
        }

        // body as a 200 response: "chunked" in chunks of chunkSize, "close" ended by the close, "length" with a Content-Length.
        private static string Framed(string framing, string body, int chunkSize)
        {
            switch (framing)
            {
                case "chunked":
                    string chunks = "";
                    for (int at = 0; at < body.Length; at += chunkSize)
                    {
                        int size = Math.Min(chunkSize, body.Length - at);
                        chunks += size.ToString("x") + "\r\n" + body.Substring(at, size) + "\r\n";
                    }
                    return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + "0\r\n\r\n";
                case "close":
                    return "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body;
                default:
                    return "HTTP/1.1 200 OK\r\nContent-Length: " + body.Length + "\r\n\r\n" + body;
            }
        }

        // With a sink the body is handed over as it is read, in every framing, past the limit a held body has.
        [Theory]
        [InlineData("Content-Length: 9000\r\n", false)]
        [InlineData("Transfer-Encoding: chunked\r\n", true)]
        [InlineData("Connection: close\r\n", false)]
        public void Read_WithSink_HandsOverTheWholeBodyPastTheLimit(string framing, bool chunked)
        {
            string body = new string('x', 4000) + new string('y', 5000);
            string wire = chunked ? "1F40\r\n" + body[..8000] + "\r\n3e8\r\n" + body[8000..] + "\r\n0\r\n\r\n" : body;
            var sink = new Collecting();
            using var server = new OneResponseServer(Encoding.ASCII.GetBytes("HTTP/1.1 201 Created\r\n" + framing + "\r\n" + wire), close: true, pieceSize: 777);

            HttpResponse response = HttpResponseReader.Read(server.Stream, new FakeClock(Now), Now + 60_000, Max, "https://seed:1", sink);

            Assert.Null(response.Error);
            Assert.Equal(201, response.Status);
            Assert.Empty(response.Body);
            Assert.Equal(body, sink.Text);
            Assert.True(sink.Pieces > 3, "pieces: " + sink.Pieces);
        }

        [Theory]
        [InlineData("Content-Length: 20\r\n\r\n01234567890123456789", "the reader refused the answer")]
        [InlineData("Transfer-Encoding: chunked\r\n\r\n14\r\n01234567890123456789\r\n0\r\n\r\n", "the reader refused the answer")]
        [InlineData("Transfer-Encoding: chunked\r\n\r\nZZ\r\n", "malformed chunked body")]
        [InlineData("Content-Length: 20\r\n\r\n0123", "the connection closed after 4 of 20 bytes")]
        public void Read_WithSink_RefusalsAndBrokenBodiesFail(string rest, string problem)
        {
            var sink = new Collecting { Limit = 10 };
            using var server = new OneResponseServer(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n" + rest), close: true, pieceSize: 1 << 20);

            HttpResponse response = HttpResponseReader.Read(server.Stream, new FakeClock(Now), Now + 60_000, Max, "https://seed:1", sink);

            Assert.Equal(0, response.Status);
            Assert.Contains(problem, response.Error);
        }

        private sealed class Collecting : IResponseSink
        {
            private readonly StringBuilder _text = new StringBuilder();

            public int Limit { get; set; } = int.MaxValue;
            public int Pieces { get; private set; }
            public string Text => _text.ToString();

            public bool Write(byte[] buffer, int offset, int count)
            {
                Pieces++;
                _text.Append(Encoding.ASCII.GetString(buffer, offset, count));
                return _text.Length <= Limit;
            }
        }

        // Serves 'raw' once from a loopback listener (in pieces, optionally closing afterwards) and reads it back.
        private static HttpResponse Exchange(string raw, bool close, int pieceSize = 1 << 20, FakeClock clock = null, long deadline = Now + 60_000)
        {
            using var server = new OneResponseServer(Encoding.ASCII.GetBytes(raw), close, pieceSize);
            return HttpResponseReader.Read(server.Stream, clock ?? new FakeClock(Now), deadline, Max, "https://node:1");
        }
    }
}
