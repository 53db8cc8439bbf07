// Reads one HTTP/1.1 response from a stream (nanoFramework only): the status line, the headers
// and a body delimited by Content-Length, by chunked encoding, or by the server closing the
// connection (the request always says "Connection: close"). Bounded in time: the caller's deadline
// is checked between reads, and the socket's receive timeout bounds each read. Bounded in memory by
// the reply cap the caller gives (maxBodyBytes, per board: docs/heap.md): a body of known length is
// read straight into an array of its size; any other body is kept in pieces of ReadChunk bytes as
// it arrives (a chunked body without its framing) and joined once at the end, so the heap holds at
// most twice the cap and a few KiB, and no buffer grows past the body.
using System;
using System.Collections;
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

        // Chunk sizes and line ends around a chunked body of the maximum size (a chunk costs about 8 bytes):
        // not kept, only counted, so that framing without end is stopped.
        private const int ChunkFramingAllowance = 4096;

        // Take's answers: the bytes were taken, the body would pass the cap, the chunk framing is broken.
        private const int Taken = 0;
        private const int TooMuch = 1;
        private const int Malformed = 2;

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
            string head = Latin1(buffer, headerEnd);
            int status = ParseStatus(head);
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
            // the body once, and the read stops without waiting for the close.
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

            // Phase 2b: chunked, or ended by the close: the body in pieces, the header buffer let go.
            var pieces = new BodyPieces(maxBodyBytes);
            ChunkDecoder chunks = chunked ? new ChunkDecoder() : null;
            int raw = count - headerEnd;
            int taken = Take(pieces, chunks, buffer, headerEnd, raw);
            buffer = new byte[ReadChunk];
            while (taken == Taken && (chunks == null || !chunks.IsDone))
            {
                int read = ReadSome(stream, steady, deadline, buffer, 0);
                if (read == TimedOut)
                {
                    return Late(origin);
                }
                if (read == 0)
                {
                    break;
                }
                raw += read;
                // Chunk framing is not kept, but a server sending framing without end is stopped all the same.
                taken = raw > maxBodyBytes + (chunked ? ChunkFramingAllowance : 0) ? TooMuch : Take(pieces, chunks, buffer, 0, read);
            }
            if (taken == TooMuch)
            {
                return TooLarge(origin, maxBodyBytes);
            }
            if (taken == Malformed || (chunks != null && !chunks.IsDone))
            {
                return HttpResponse.Failed("POST " + origin + ": malformed chunked body");
            }
            return new HttpResponse(status, pieces.Join());
        }

        // Adds data[offset..+count] to the body: as it is, or through the chunk decoder.
        private static int Take(BodyPieces body, ChunkDecoder chunks, byte[] data, int offset, int count)
        {
            if (chunks != null)
            {
                return chunks.Feed(data, offset, count, body);
            }
            return body.Append(data, offset, count) ? Taken : TooMuch;
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

        // A body of unknown length, kept in pieces of ReadChunk bytes: appending never copies what is already
        // there, and Join makes the one array of the exact size.
        private sealed class BodyPieces
        {
            private readonly ArrayList _full = new ArrayList();
            private readonly int _max;
            private byte[] _current = new byte[ReadChunk];
            private int _used;
            private int _length;

            internal BodyPieces(int max)
            {
                _max = max;
            }

            // False, and nothing added, when the body would pass its maximum.
            internal bool Append(byte[] data, int offset, int count)
            {
                if (count > _max - _length)
                {
                    return false;
                }
                _length += count;
                while (count > 0)
                {
                    if (_used == _current.Length)
                    {
                        _full.Add(_current);
                        _current = new byte[ReadChunk];
                        _used = 0;
                    }
                    int part = Min(count, _current.Length - _used);
                    Array.Copy(data, offset, _current, _used, part);
                    _used += part;
                    offset += part;
                    count -= part;
                }
                return true;
            }

            internal byte[] Join()
            {
                var all = new byte[_length];
                int at = 0;
                foreach (byte[] piece in _full)
                {
                    Array.Copy(piece, 0, all, at, piece.Length);
                    at += piece.Length;
                }
                Array.Copy(_current, 0, all, at, _used);
                return all;
            }
        }

        // Takes a chunked body apart as it arrives (RFC 9112 §7.1): "size[;extension] CRLF data CRLF" until the
        // chunk of size 0; extensions and trailers are ignored. Only the data reaches the body.
        private sealed class ChunkDecoder
        {
            private const int MaxSizeDigits = 7;
            private const int Size = 0;
            private const int Extension = 1;
            private const int SizeEnd = 2;
            private const int Data = 3;
            private const int DataCr = 4;
            private const int DataLf = 5;
            private const int Done = 6;

            private int _state = Size;
            private int _size;
            private int _digits;

            internal bool IsDone
            {
                get { return _state == Done; }
            }

            internal int Feed(byte[] data, int offset, int count, BodyPieces body)
            {
                int end = offset + count;
                int at = offset;
                while (at < end && _state != Done)
                {
                    if (_state == Data)
                    {
                        int part = Min(_size, end - at);
                        if (!body.Append(data, at, part))
                        {
                            return TooMuch;
                        }
                        _size -= part;
                        at += part;
                        if (_size == 0)
                        {
                            _state = DataCr;
                        }
                        continue;
                    }
                    if (!Step((char)data[at]))
                    {
                        return Malformed;
                    }
                    at++;
                }
                return Taken;
            }

            // One byte of the framing; false when it breaks the format.
            private bool Step(char c)
            {
                switch (_state)
                {
                    case Size:
                        int value = Hex.DigitValue(c);
                        if (value >= 0 && _digits < MaxSizeDigits)
                        {
                            _size = (_size << 4) | value;
                            _digits++;
                            return true;
                        }
                        if (_digits == 0 || (c != ';' && c != '\r'))
                        {
                            return false;
                        }
                        _state = c == ';' ? Extension : SizeEnd;
                        return true;
                    case Extension:
                        if (c == '\r')
                        {
                            _state = SizeEnd;
                        }
                        return true;
                    case SizeEnd:
                        _state = _size == 0 ? Done : Data;
                        return c == '\n';
                    case DataCr:
                        _state = DataLf;
                        return c == '\r';
                    default:
                        _state = Size;
                        _digits = 0;
                        return c == '\n';
                }
            }
        }

        private static int Min(int a, int b)
        {
            return a < b ? a : b;
        }
    }
}
