// Reads one HTTP/1.1 response from a stream (nanoFramework only): the status line, the headers
// and a body delimited by Content-Length, by chunked encoding, or by the server closing the
// connection (the request always says "Connection: close"). Bounded in size (the device has
// about 80 KB of heap) and in time: the caller's deadline is checked between reads, and the
// socket's receive timeout bounds each read.
using System;
using System.IO;
using Session.Core.Micro.Encoding;
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

        // Chunk sizes and line ends around a chunked body of the maximum size (a chunk costs about 8 bytes).
        private const int ChunkFramingAllowance = 4096;

        /// <summary>Reads the response; Failed with the reason when it is late, too large or malformed.</summary>
        public static HttpResponse Read(Stream stream, IClock steady, long deadline, int maxBodyBytes, string origin)
        {
            // Phase 1: the status line and headers, into a small buffer.
            var buffer = new byte[ReadChunk * 2];
            int count = 0;
            int headerEnd = -1;
            while (headerEnd < 0)
            {
                if (count > MaxHeaderBytes)
                {
                    return HttpResponse.Failed("POST " + origin + ": the response headers exceed " + MaxHeaderBytes.ToString() + " bytes");
                }
                buffer = Room(buffer, count);
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
            if (!chunked && contentLength > maxBodyBytes)
            {
                return TooLarge(origin, maxBodyBytes);
            }

            // Phase 2a: a known length is read straight into a body of that size, so the heap holds
            // the body once (the device has about 80 KB), and the read stops without waiting for the close.
            if (!chunked && contentLength >= 0)
            {
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

            // Phase 2b: chunked, or delimited by the close: read until the server closes.
            while (true)
            {
                if (count - headerEnd > maxBodyBytes + (chunked ? ChunkFramingAllowance : 0))
                {
                    return TooLarge(origin, maxBodyBytes);
                }
                buffer = Room(buffer, count);
                int read = ReadSome(stream, steady, deadline, buffer, count);
                if (read == TimedOut)
                {
                    return Late(origin);
                }
                if (read == 0)
                {
                    break;
                }
                count += read;
            }
            byte[] content;
            if (chunked)
            {
                content = Dechunk(buffer, headerEnd, count);
                if (content == null)
                {
                    return HttpResponse.Failed("POST " + origin + ": malformed chunked body");
                }
                if (content.Length > maxBodyBytes)
                {
                    return TooLarge(origin, maxBodyBytes);
                }
            }
            else
            {
                content = new byte[count - headerEnd];
                Array.Copy(buffer, headerEnd, content, 0, content.Length);
            }
            return new HttpResponse(status, content);
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

        // The buffer, doubled when fewer than ReadChunk bytes are free after 'count'.
        private static byte[] Room(byte[] buffer, int count)
        {
            if (buffer.Length - count >= ReadChunk)
            {
                return buffer;
            }
            var larger = new byte[buffer.Length * 2];
            Array.Copy(buffer, larger, count);
            return larger;
        }

        private static HttpResponse Late(string origin)
        {
            return HttpResponse.Failed("POST " + origin + ": the answer did not arrive in time");
        }

        private static HttpResponse TooLarge(string origin, int maxBodyBytes)
        {
            return HttpResponse.Failed("POST " + origin + ": the answer is larger than " + maxBodyBytes.ToString() + " bytes");
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

        // Joins the chunks of a chunked body (RFC 9112 §7.1); extensions and trailers are ignored.
        private static byte[] Dechunk(byte[] buffer, int at, int count)
        {
            var body = new byte[count - at];
            int length = 0;
            while (true)
            {
                int lineEnd = -1;
                for (int i = at; i + 1 < count; i++)
                {
                    if (buffer[i] == '\r' && buffer[i + 1] == '\n')
                    {
                        lineEnd = i;
                        break;
                    }
                }
                if (lineEnd < 0)
                {
                    return null;
                }
                int size = 0;
                int digits = 0;
                for (int i = at; i < lineEnd && buffer[i] != ';'; i++)
                {
                    int value = Hex.DigitValue((char)buffer[i]);
                    if (value < 0 || digits == 7)
                    {
                        return null;
                    }
                    size = (size << 4) | value;
                    digits++;
                }
                if (digits == 0)
                {
                    return null;
                }
                at = lineEnd + 2;
                if (size == 0)
                {
                    var exact = new byte[length];
                    Array.Copy(body, exact, length);
                    return exact;
                }
                if (size > count - at - 2)
                {
                    return null;
                }
                Array.Copy(buffer, at, body, length, size);
                length += size;
                at += size + 2;
            }
        }

        private static int Min(int a, int b)
        {
            return a < b ? a : b;
        }
    }
}
