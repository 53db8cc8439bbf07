// Standard base64 (the alphabet and padding rules of Base64.cs) decoded as it arrives, for text too
// long to hold: an onion reply's body, a message's data (docs/protocol.md §3.3, §4.4). It keeps at
// most three letters of an unfinished group. With trailing white space allowed (a guard's body),
// ASCII white space may follow the text, and nothing else may follow that. Without an output
// buffer it only counts the bytes (a message too large to keep is measured, not kept).
namespace Session.Core.Micro.Encoding
{
    internal sealed class Base64Decoder
    {
        private readonly bool _trailingSpace;
        private int _bits;
        private int _letters;
        private int _padding;
        private bool _spaced;
        private bool _failed;
        private long _length;

        /// <param name="trailingSpace">True to accept ASCII white space after the text.</param>
        internal Base64Decoder(bool trailingSpace)
        {
            _trailingSpace = trailingSpace;
        }

        /// <summary>Bytes decoded so far (all of them after Finish).</summary>
        internal long Length
        {
            get { return _length; }
        }

        /// <summary>The bytes Finish writes now (the last group's, 0 to 2).</summary>
        internal int Tail
        {
            get { return _letters < 2 ? 0 : _letters - 1; }
        }

        /// <summary>Starts a new text.</summary>
        internal void Reset()
        {
            _bits = 0;
            _letters = 0;
            _padding = 0;
            _spaced = false;
            _failed = false;
            _length = 0;
        }

        /// <summary>The most bytes a Write of <paramref name="count"/> more characters produces.</summary>
        internal int Room(int count)
        {
            return (_letters + count) / 4 * 3;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> characters at <paramref name="offset"/> into <paramref name="output"/> at
        /// <paramref name="outputOffset"/> (null: only counted), which has Room(count) bytes free.
        /// </summary>
        /// <returns>The bytes written, or -1 once the text is not base64.</returns>
        internal int Write(byte[] text, int offset, int count, byte[] output, int outputOffset)
        {
            int at = outputOffset;
            int end = offset + count;
            for (int i = offset; i < end && !_failed; i++)
            {
                int c = text[i];
                int value = c >= 'A' && c <= 'Z' ? c - 'A'
                    : c >= 'a' && c <= 'z' ? c - 'a' + 26
                    : c >= '0' && c <= '9' ? c - '0' + 52
                    : c == '+' ? 62 : c == '/' ? 63 : -1;
                if (value >= 0 && _padding == 0 && !_spaced)
                {
                    _bits = _bits << 6 | value;
                    _letters++;
                    if (_letters == 4)
                    {
                        if (output != null)
                        {
                            output[at] = (byte)(_bits >> 16);
                            output[at + 1] = (byte)(_bits >> 8);
                            output[at + 2] = (byte)_bits;
                        }
                        at += 3;
                        _length += 3;
                        _bits = 0;
                        _letters = 0;
                    }
                }
                else if (c == '=' && !_spaced && _letters >= 2 && _letters + _padding < 4)
                {
                    _padding++;
                }
                else if (_trailingSpace && (c == ' ' || (c >= 0x09 && c <= 0x0D)))
                {
                    _spaced = true;
                }
                else
                {
                    _failed = true;
                }
            }
            return _failed ? -1 : at - outputOffset;
        }

        /// <summary>Ends the text: writes the last 1 or 2 bytes of an unpadded or padded last group (null output: counted).</summary>
        /// <returns>The bytes written (0 to 2), or -1 when the text was not base64.</returns>
        internal int Finish(byte[] output, int outputOffset)
        {
            if (_failed || _letters == 1 || (_padding > 0 && _letters + _padding != 4))
            {
                _failed = true;
                return -1;
            }
            int count = _letters == 0 ? 0 : _letters - 1;
            if (output != null && count > 0)
            {
                int bits = _letters == 2 ? _bits >> 4 : _bits >> 2;
                if (count == 1)
                {
                    output[outputOffset] = (byte)bits;
                }
                else
                {
                    output[outputOffset] = (byte)(bits >> 8);
                    output[outputOffset + 1] = (byte)bits;
                }
            }
            _length += count;
            _letters = 0;
            return count;
        }
    }
}
