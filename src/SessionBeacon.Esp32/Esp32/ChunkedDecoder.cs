// Decodes a chunked HTTP/1.1 body as it arrives (RFC 9112 §7.1), in any pieces the network hands
// over, and writes only the chunks' data into a sink: a SegmentedBody, or a caller's reader
// (nanoFramework and .NET). So the
// framing never takes heap, and the reader stops at the last chunk instead of waiting for the server
// to close. Chunk extensions and trailer fields are read past and ignored, up to MaxIgnoredBytes in
// all; a chunk size has at most 7 hex digits (256 MB, far past any limit the body has).
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Network;

namespace SessionBeacon.Esp32
{
    /// <summary>A chunked-body decoder, fed piece by piece.</summary>
    internal sealed class ChunkedDecoder
    {
        private const int MaxSizeDigits = 7;
        private const int MaxIgnoredBytes = 4096;

        private State _state = State.Size;
        private int _size;
        private int _digits;
        private int _ignored;
        private int _lineBytes;

        private enum State
        {
            Size,
            Extension,
            SizeLineFeed,
            Data,
            DataReturn,
            DataLineFeed,
            Trailer,
            Done,
        }

        /// <summary>True once Decode failed because the sink refused data (not because of the framing).</summary>
        public bool SinkRefused { get; private set; }

        /// <summary>True once the last chunk and the trailer section have been read.</summary>
        public bool IsDone
        {
            get { return _state == State.Done; }
        }

        /// <summary>
        /// Decodes <paramref name="count"/> more bytes of the body into <paramref name="body"/>; bytes
        /// after the end are ignored. False when they break the chunked framing, or when the sink
        /// refuses the data (a SegmentedBody past its limit sets <see cref="SegmentedBody.Overflowed"/>).
        /// </summary>
        public bool Decode(byte[] input, int offset, int count, IResponseSink body)
        {
            int end = offset + count;
            int at = offset;
            while (at < end && _state != State.Done)
            {
                if (_state == State.Data)
                {
                    int piece = _size < end - at ? _size : end - at;
                    if (!body.Write(input, at, piece))
                    {
                        SinkRefused = true;
                        return false;
                    }
                    at += piece;
                    _size -= piece;
                    if (_size == 0)
                    {
                        _state = State.DataReturn;
                    }
                    continue;
                }
                if (!Step(input[at++]))
                {
                    return false;
                }
            }
            return true;
        }

        // One byte of framing: a size line, the line end after a chunk's data, or the trailer section.
        private bool Step(byte b)
        {
            switch (_state)
            {
                case State.Size:
                    int value = Hex.DigitValue((char)b);
                    if (value >= 0 && _digits < MaxSizeDigits)
                    {
                        _size = (_size << 4) | value;
                        _digits++;
                        return true;
                    }
                    if (value >= 0 || _digits == 0)
                    {
                        return false;
                    }
                    if (b == '\r')
                    {
                        _state = State.SizeLineFeed;
                        return true;
                    }
                    _state = State.Extension;
                    return b == ';' || b == ' ' || b == '\t';
                case State.Extension:
                    if (b == '\r')
                    {
                        _state = State.SizeLineFeed;
                        return true;
                    }
                    return ++_ignored <= MaxIgnoredBytes;
                case State.SizeLineFeed:
                    _state = _size == 0 ? State.Trailer : State.Data;
                    return b == '\n';
                case State.DataReturn:
                    _state = State.DataLineFeed;
                    return b == '\r';
                case State.DataLineFeed:
                    _state = State.Size;
                    _digits = 0;
                    return b == '\n';
                default:
                    // The trailer section: fields, each ending in CRLF, until an empty line.
                    if (b == '\n')
                    {
                        if (_lineBytes == 0)
                        {
                            _state = State.Done;
                        }
                        _lineBytes = 0;
                        return true;
                    }
                    if (b != '\r')
                    {
                        _lineBytes++;
                    }
                    return ++_ignored <= MaxIgnoredBytes;
            }
        }
    }
}
