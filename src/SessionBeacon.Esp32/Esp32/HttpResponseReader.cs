// Reads one HTTP/1.1 response from a stream (nanoFramework and .NET): the status line, the headers
// and a body delimited by Content-Length, by chunked encoding, or by the server closing the
// connection (the request always says "Connection: close"). Bounded in time: the caller's deadline
// is checked between reads, and the socket's receive timeout bounds each read. Bounded in heap (the
// device has about 80 KB), measured in docs/device-build.md ("Why the device has its own HTTP
// reader"): a 2 KB buffer for the headers (4 KB for long ones), which later serves the reads, and then
// - a known length: the body is read straight into an array of that size, once;
// - an unknown length (chunked, or until the close): the body is collected in 1 KB segments
//   (SegmentedBody) and copied once into an array of its exact length when it has all arrived, so
//   it is held twice at that moment. Such a body may therefore be at most half the limit, which
//   keeps every reply within the limit plus a few KB. No reader can do better while the length is
//   unknown: the array HttpResponse carries can only be made once the length is known, and until
//   then the bytes must be held somewhere else.
using System;
using System.IO;
using Session.Core.Micro.Network;

namespace SessionBeacon.Esp32
{
    /// <summary>Parses an HTTP/1.1 response.</summary>
    internal static class HttpResponseReader
    {
        private const int MaxHeaderBytes = 4096;
        private const int ReadChunk = 1024;
        private const int StatusDigitsAt = 9; // "HTTP/1.1 200"
        private const int TimedOut = -1;

        /// <summary>Reads the response; Failed with the reason when it is late, too large or malformed.</summary>
        /// <param name="maxBodyBytes">The largest body with a Content-Length; a body without one may be half as large.</param>
        public static HttpResponse Read(Stream stream, IClock steady, long deadline, int maxBodyBytes, string origin)
        {
            return Read(stream, steady, deadline, maxBodyBytes, origin, null);
        }

        /// <summary>
        /// Reads the response, handing the body to <paramref name="sink"/> as it arrives (the response then
        /// has an empty body, and maxBodyBytes does not apply); with a null sink as <see cref="Read(Stream, IClock, long, int, string)"/>.
        /// </summary>
        public static HttpResponse Read(Stream stream, IClock steady, long deadline, int maxBodyBytes, string origin, IResponseSink sink)
        {
            // The status line and headers, into a small buffer that grows once, to their maximum size, for long headers.
            var buffer = new byte[ReadChunk * 2];
            int count = 0;
            int headerEnd = -1;
            while (headerEnd < 0)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length == MaxHeaderBytes)
                    {
                        return HttpResponse.Failed("POST " + origin + ": the response headers exceed " + MaxHeaderBytes.ToString() + " bytes");
                    }
                    var larger = new byte[MaxHeaderBytes];
                    Array.Copy(buffer, larger, count);
                    buffer = larger;
                }
                int read = ReadSome(stream, steady, deadline, buffer, count);
                if (read == TimedOut)
                {
                    return Late(origin);
                }
                if (read == 0)
                {
                    return HttpResponse.Failed("POST " + origin + ": the connection closed before a complete response");
                }
                count += read;
                headerEnd = FindHeaderEnd(buffer, count);
            }
            int status = ParseStatus(buffer, headerEnd);
            string head = Latin1(buffer, headerEnd);
            if (status == 0)
            {
                return HttpResponse.Failed("POST " + origin + ": not an HTTP/1.x response");
            }
            int contentLength = -1;
            string length = HeaderValue(head, "content-length");
            if (length != null && (!int.TryParse(length, out contentLength) || contentLength < 0))
            {
                return HttpResponse.Failed("POST " + origin + ": bad Content-Length '" + length + "'");
            }
            string encoding = HeaderValue(head, "transfer-encoding");
            bool chunked = encoding != null && encoding.ToLower().IndexOf("chunked") >= 0;
            if (sink != null)
            {
                string failure = chunked || contentLength < 0
                    ? ReadUnknownLength(stream, steady, deadline, origin, chunked, buffer, headerEnd, count, sink)
                    : ReadKnownLength(stream, steady, deadline, origin, contentLength, buffer, headerEnd, count, sink);
                return failure == null ? new HttpResponse(status, null) : HttpResponse.Failed(failure);
            }
            if (chunked || contentLength < 0)
            {
                int limit = maxBodyBytes / 2;
                var collected = new SegmentedBody(limit);
                string failure = ReadUnknownLength(stream, steady, deadline, origin, chunked, buffer, headerEnd, count, collected);
                if (failure == null)
                {
                    return new HttpResponse(status, collected.ToArray());
                }
                return collected.Overflowed
                    ? HttpResponse.TooLarge("POST " + origin + ": the answer without a Content-Length is larger than " + limit.ToString() + " bytes")
                    : HttpResponse.Failed(failure);
            }
            if (contentLength > maxBodyBytes)
            {
                return TooLarge(origin, maxBodyBytes);
            }

            // A known length is read straight into a body of that size, and the read stops without waiting for the close.
            var body = new byte[contentLength];
            int have = Min(count - headerEnd, contentLength);
            Array.Copy(buffer, headerEnd, body, 0, have);
            buffer = null;
            while (have < contentLength)
            {
                int read = ReadSome(stream, steady, deadline, body, have);
                if (read == TimedOut)
                {
                    return Late(origin);
                }
                if (read == 0)
                {
                    return HttpResponse.Failed("POST " + origin + ": the connection closed after " + have.ToString() + " of " + contentLength.ToString() + " bytes");
                }
                have += read;
            }
            return new HttpResponse(status, body);
        }

        // A chunked body up to its last chunk, or any other body until the server closes, into the sink;
        // buffer[at..count] already holds its start, and the buffer then serves the reads. The failure, or null.
        private static string ReadUnknownLength(Stream stream, IClock steady, long deadline, string origin,
            bool chunked, byte[] buffer, int at, int count, IResponseSink body)
        {
            ChunkedDecoder decoder = chunked ? new ChunkedDecoder() : null;
            while (true)
            {
                bool taken = chunked ? decoder.Decode(buffer, at, count - at, body) : body.Write(buffer, at, count - at);
                if (!taken)
                {
                    return "POST " + origin + (chunked && !decoder.SinkRefused ? ": malformed chunked body" : ": the reader refused the answer");
                }
                if (chunked && decoder.IsDone)
                {
                    return null;
                }
                at = 0;
                count = ReadSome(stream, steady, deadline, buffer, 0);
                if (count == TimedOut)
                {
                    return LateText(origin);
                }
                if (count == 0)
                {
                    return chunked ? "POST " + origin + ": the connection closed inside the chunked body" : null;
                }
            }
        }

        // A body of a known length, piece by piece into the sink through the header buffer. The failure, or null.
        private static string ReadKnownLength(Stream stream, IClock steady, long deadline, string origin,
            int contentLength, byte[] buffer, int at, int count, IResponseSink sink)
        {
            int have = Min(count - at, contentLength);
            if (!sink.Write(buffer, at, have))
            {
                return "POST " + origin + ": the reader refused the answer";
            }
            while (have < contentLength)
            {
                int read = ReadSome(stream, steady, deadline, buffer, 0);
                if (read == TimedOut)
                {
                    return LateText(origin);
                }
                if (read == 0)
                {
                    return "POST " + origin + ": the connection closed after " + have.ToString() + " of " + contentLength.ToString() + " bytes";
                }
                read = Min(read, contentLength - have);
                if (!sink.Write(buffer, 0, read))
                {
                    return "POST " + origin + ": the reader refused the answer";
                }
                have += read;
            }
            return null;
        }

        // Reads into buffer[offset..] at most ReadChunk bytes; 0 at the end of the stream, TimedOut past the deadline.
        private static int ReadSome(Stream stream, IClock steady, long deadline, byte[] buffer, int offset)
        {
            if (steady.UnixMilliseconds >= deadline)
            {
                return TimedOut;
            }
            int read = stream.Read(buffer, offset, Min(ReadChunk, buffer.Length - offset));
            return read < 0 ? 0 : read;
        }

        private static HttpResponse Late(string origin)
        {
            return HttpResponse.Failed(LateText(origin));
        }

        private static string LateText(string origin)
        {
            return "POST " + origin + ": the answer did not arrive in time";
        }

        private static HttpResponse TooLarge(string origin, int maxBodyBytes)
        {
            return HttpResponse.TooLarge("POST " + origin + ": the answer is larger than " + maxBodyBytes.ToString() + " bytes");
        }

        // The offset just after "\r\n\r\n", or -1.
        private static int FindHeaderEnd(byte[] buffer, int count)
        {
            for (int i = 3; i < count; i++)
            {
                if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r')
                {
                    return i + 1;
                }
            }
            return -1;
        }

        // Header bytes as text: HTTP header fields are ASCII, and one byte per char keeps offsets equal.
        private static string Latin1(byte[] buffer, int count)
        {
            var chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[i];
            }
            return new string(chars);
        }

        // "HTTP/1.x NNN ..." -> NNN, or 0. Read from the bytes: nanoCLR's string indexer counts the
        // whole header text on every call (docs/portable-csharp.md §5).
        private static int ParseStatus(byte[] head, int count)
        {
            const string Version = "HTTP/1.";
            if (count < StatusDigitsAt + 3 || Latin1(head, Version.Length) != Version || head[StatusDigitsAt - 1] != ' ')
            {
                return 0;
            }
            int status = 0;
            for (int i = StatusDigitsAt; i < StatusDigitsAt + 3; i++)
            {
                int c = head[i];
                if (c < '0' || c > '9')
                {
                    return 0;
                }
                status = status * 10 + (c - '0');
            }
            return status >= 100 && status <= 599 ? status : 0;
        }

        // The trimmed value of the first header called 'name' (lower case), or null.
        private static string HeaderValue(string head, string name)
        {
            int line = head.IndexOf("\r\n") + 2;
            // Counted once: nanoCLR's Length walks the whole string (docs/portable-csharp.md §5).
            int length = head.Length;
            while (line > 1 && line < length)
            {
                int next = head.IndexOf("\r\n", line);
                if (next <= line)
                {
                    return null;
                }
                int colon = head.IndexOf(':', line);
                if (colon > line && colon < next && head.Substring(line, colon - line).Trim().ToLower() == name)
                {
                    return head.Substring(colon + 1, next - colon - 1).Trim();
                }
                line = next + 2;
            }
            return null;
        }

        private static int Min(int a, int b)
        {
            return a < b ? a : b;
        }
    }
}
