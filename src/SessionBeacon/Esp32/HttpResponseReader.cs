// Reads one HTTP/1.1 response from a stream (nanoFramework only): the status line, the headers
// and a body delimited by Content-Length, by chunked encoding, or by the server closing the
// connection (the request always says "Connection: close"). Bounded in size (the device has
// about 80 KB of heap) and in time: the caller's deadline is checked between reads, and the
// socket's receive timeout bounds each read.
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

        /// <summary>Reads the response; Failed with the reason when it is late, too large or malformed.</summary>
        public static HttpResponse Read(Stream stream, IClock steady, long deadline, int maxBodyBytes, string origin)
        {
            var buffer = new byte[ReadChunk * 2];
            int count = 0;
            int headerEnd = -1;
            int contentLength = -1;
            bool chunked = false;
            int status = 0;
            while (true)
            {
                if (steady.UnixMilliseconds >= deadline)
                {
                    return HttpResponse.Failed("POST " + origin + ": the answer did not arrive in time");
                }
                if (buffer.Length - count < ReadChunk)
                {
                    if (buffer.Length >= MaxHeaderBytes + maxBodyBytes)
                    {
                        return HttpResponse.Failed("POST " + origin + ": the answer is larger than " + maxBodyBytes.ToString() + " bytes");
                    }
                    var larger = new byte[Min(buffer.Length * 2, MaxHeaderBytes + maxBodyBytes + ReadChunk)];
                    Array.Copy(buffer, larger, count);
                    buffer = larger;
                }
                int read = stream.Read(buffer, count, ReadChunk);
                if (read <= 0)
                {
                    break;
                }
                count += read;
                if (headerEnd < 0)
                {
                    headerEnd = FindHeaderEnd(buffer, count);
                    if (headerEnd < 0)
                    {
                        if (count > MaxHeaderBytes)
                        {
                            return HttpResponse.Failed("POST " + origin + ": the response headers exceed " + MaxHeaderBytes.ToString() + " bytes");
                        }
                        continue;
                    }
                    string head = Latin1(buffer, headerEnd);
                    status = ParseStatus(head);
                    if (status == 0)
                    {
                        return HttpResponse.Failed("POST " + origin + ": not an HTTP/1.x response");
                    }
                    string length = HeaderValue(head, "content-length");
                    if (length != null && (!int.TryParse(length, out contentLength) || contentLength < 0))
                    {
                        return HttpResponse.Failed("POST " + origin + ": bad Content-Length '" + length + "'");
                    }
                    string encoding = HeaderValue(head, "transfer-encoding");
                    chunked = encoding != null && encoding.ToLower().IndexOf("chunked") >= 0;
                    if (contentLength > maxBodyBytes)
                    {
                        return HttpResponse.Failed("POST " + origin + ": the answer is larger than " + maxBodyBytes.ToString() + " bytes");
                    }
                }
                if (headerEnd >= 0 && !chunked && contentLength >= 0 && count - headerEnd >= contentLength)
                {
                    break;
                }
            }
            if (headerEnd < 0)
            {
                return HttpResponse.Failed("POST " + origin + ": the connection closed before a complete response");
            }
            byte[] body;
            if (chunked)
            {
                body = Dechunk(buffer, headerEnd, count);
                if (body == null)
                {
                    return HttpResponse.Failed("POST " + origin + ": malformed chunked body");
                }
            }
            else if (contentLength >= 0)
            {
                if (count - headerEnd < contentLength)
                {
                    return HttpResponse.Failed("POST " + origin + ": the connection closed after " + (count - headerEnd).ToString() + " of " + contentLength.ToString() + " bytes");
                }
                body = new byte[contentLength];
                Array.Copy(buffer, headerEnd, body, 0, contentLength);
            }
            else
            {
                body = new byte[count - headerEnd];
                Array.Copy(buffer, headerEnd, body, 0, body.Length);
            }
            return new HttpResponse(status, body);
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

        // "HTTP/1.x NNN ..." -> NNN, or 0.
        private static int ParseStatus(string head)
        {
            if (!head.StartsWith("HTTP/1.") || head.Length < StatusDigitsAt + 3 || head[StatusDigitsAt - 1] != ' ')
            {
                return 0;
            }
            int status = 0;
            for (int i = StatusDigitsAt; i < StatusDigitsAt + 3; i++)
            {
                char c = head[i];
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
            while (line > 1 && line < head.Length)
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
                    int value = HexValue(buffer[i]);
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

        private static int HexValue(byte c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }
            return -1;
        }

        private static int Min(int a, int b)
        {
            return a < b ? a : b;
        }
    }
}
