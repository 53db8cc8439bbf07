// UTF-8 (RFC 3629, Unicode 15 §3.9 table 3-7), which nanoFramework's mscorlib lacks: System.Text is
// not there. Strings are UTF-16; a surrogate pair becomes one 4-byte sequence.
// Encoding refuses lone surrogates (they have no UTF-8 form) with an ArgumentException naming the
// index. Decoding is strict, as protobuf string fields require: overlong forms, encoded surrogates,
// code points above U+10FFFF, cut-short sequences and stray continuation bytes are each a
// MalformedDataException that names the problem and its byte offset in the caller's array.
// Sizes: 1 to 4 bytes per code point, so a string encodes to at most 3 bytes per UTF-16 char, and
// count bytes decode to at most count chars.
// Cost: encoding reads the string once, through one ToCharArray (2 bytes per char, garbage at
// once): nanoCLR keeps strings as UTF-8, and indexing them would make the walk quadratic
// (docs/portable-csharp.md §5).
namespace Session.Core.Micro.Encoding
{
    /// <summary>Strict UTF-8 encoding and decoding.</summary>
    public static class Utf8
    {
        /// <summary>The number of bytes <see cref="Encode(string)"/> produces for <paramref name="text"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="text"/> has a lone surrogate.</exception>
        public static int ByteCount(string text)
        {
            if (text == null)
            {
                throw Errors.Null("text");
            }
            char[] chars = text.ToCharArray();
            return ByteCount(chars, 0, chars.Length);
        }

        /// <summary>Encodes <paramref name="text"/> as UTF-8.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="text"/> has a lone surrogate; the message gives its index.</exception>
        public static byte[] Encode(string text)
        {
            if (text == null)
            {
                throw Errors.Null("text");
            }
            char[] chars = text.ToCharArray();
            byte[] bytes = new byte[ByteCount(chars, 0, chars.Length)];
            EncodeCore(bytes, 0, chars, 0, chars.Length);
            return bytes;
        }

        /// <summary>
        /// Encodes <paramref name="text"/> into <paramref name="destination"/> at <paramref name="offset"/>,
        /// which must have room for <see cref="ByteCount"/> bytes, and returns the number written.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="text"/> or <paramref name="destination"/> is null.</exception>
        /// <exception cref="System.ArgumentException">
        /// <paramref name="text"/> has a lone surrogate, or the encoding does not fit in <paramref name="destination"/> from <paramref name="offset"/>.
        /// </exception>
        public static int Encode(string text, byte[] destination, int offset)
        {
            if (text == null)
            {
                throw Errors.Null("text");
            }
            char[] chars = text.ToCharArray();
            int count = ByteCount(chars, 0, chars.Length);
            if (destination == null)
            {
                throw Errors.Null("destination");
            }
            if (offset < 0 || offset > destination.Length || destination.Length - offset < count)
            {
                throw Errors.Slice("destination");
            }
            return EncodeCore(destination, offset, chars, 0, chars.Length);
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes of strict UTF-8 from <paramref name="data"/> at <paramref name="offset"/>.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="offset"/> and <paramref name="count"/> do not lie within <paramref name="data"/>.</exception>
        /// <exception cref="MalformedDataException">
        /// The bytes are not UTF-8: a stray continuation byte, a byte that never starts a character, a
        /// missing continuation byte, a sequence cut short, an overlong form, an encoded surrogate or a
        /// code point above U+10FFFF. The message and <see cref="MalformedDataException.Offset"/> give the
        /// index in <paramref name="data"/> of the sequence's first byte.
        /// </exception>
        public static string Decode(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length || data.Length - offset < count)
            {
                throw Errors.Slice("data");
            }
            char[] chars = new char[count];
            return new string(chars, 0, DecodeCore(chars, 0, data, offset, count));
        }

        // Decodes count bytes of data at offset into chars at charOffset; returns the number of
        // chars written (at most count). For readers in this assembly that collect the characters
        // of one string from several pieces; the caller has checked the ranges.
        internal static int DecodeCore(char[] chars, int charOffset, byte[] data, int offset, int count)
        {
            int written = charOffset;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int lead = data[i];
                if (lead < 0x80)
                {
                    chars[written++] = (char)lead;
                    i++;
                    continue;
                }
                int start = i;
                int needed;
                int codePoint;
                // The lowest code point each length may carry; anything below is overlong.
                int minimum;
                if (lead < 0xC0)
                {
                    throw Errors.Utf8StrayContinuation(start);
                }
                if (lead < 0xE0)
                {
                    needed = 1;
                    codePoint = lead & 0x1F;
                    minimum = 0x80;
                }
                else if (lead < 0xF0)
                {
                    needed = 2;
                    codePoint = lead & 0x0F;
                    minimum = 0x800;
                }
                else if (lead < 0xF8)
                {
                    needed = 3;
                    codePoint = lead & 0x07;
                    minimum = 0x10000;
                }
                else
                {
                    throw Errors.Utf8InvalidLead(start, lead);
                }
                i++;
                for (int k = 0; k < needed; k++, i++)
                {
                    if (i == end)
                    {
                        throw Errors.Utf8Truncated(start);
                    }
                    int next = data[i];
                    if ((next & 0xC0) != 0x80)
                    {
                        throw Errors.Utf8MissingContinuation(i);
                    }
                    codePoint = codePoint << 6 | next & 0x3F;
                }
                if (codePoint < minimum)
                {
                    throw Errors.Utf8Overlong(start);
                }
                if (codePoint >= 0xD800 && codePoint <= 0xDFFF)
                {
                    throw Errors.Utf8Surrogate(start);
                }
                if (codePoint > 0x10FFFF)
                {
                    throw Errors.Utf8BeyondUnicode(start);
                }
                if (codePoint < 0x10000)
                {
                    chars[written++] = (char)codePoint;
                }
                else
                {
                    codePoint -= 0x10000;
                    chars[written++] = (char)(0xD800 + (codePoint >> 10));
                    chars[written++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
            }
            return written - charOffset;
        }

        // The UTF-8 size of chars[offset .. offset + count), checking for lone surrogates (the
        // exception gives the index in chars). Strings reach it through ToCharArray: on nanoCLR a
        // string is UTF-8 inside, and text[i] or text.Length would walk it from the start on every
        // call (docs/portable-csharp.md §5).
        internal static int ByteCount(char[] chars, int offset, int count)
        {
            int bytes = 0;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                char c = chars[i];
                if (c < 0x80)
                {
                    bytes += 1;
                }
                else if (c < 0x800)
                {
                    bytes += 2;
                }
                else if (c < 0xD800 || c > 0xDFFF)
                {
                    bytes += 3;
                }
                else
                {
                    // A surrogate must be a high surrogate followed by a low one.
                    if (c > 0xDBFF || i + 1 == end || chars[i + 1] < 0xDC00 || chars[i + 1] > 0xDFFF)
                    {
                        throw Errors.LoneSurrogate("text", i);
                    }
                    bytes += 4;
                    i++;
                }
            }
            return bytes;
        }

        // Encodes chars[offset .. offset + count) into destination at at; returns the bytes written.
        // Assumes no lone surrogate (ByteCount checked) and room in destination; for writers in this
        // assembly that have already counted the bytes.
        internal static int EncodeCore(byte[] destination, int at, char[] chars, int offset, int count)
        {
            int start = at;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                int c = chars[i];
                if (c < 0x80)
                {
                    destination[at++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    destination[at++] = (byte)(0xC0 | c >> 6);
                    destination[at++] = (byte)(0x80 | c & 0x3F);
                }
                else if (c < 0xD800 || c > 0xDFFF)
                {
                    destination[at++] = (byte)(0xE0 | c >> 12);
                    destination[at++] = (byte)(0x80 | c >> 6 & 0x3F);
                    destination[at++] = (byte)(0x80 | c & 0x3F);
                }
                else
                {
                    i++;
                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (chars[i] - 0xDC00);
                    destination[at++] = (byte)(0xF0 | codePoint >> 18);
                    destination[at++] = (byte)(0x80 | codePoint >> 12 & 0x3F);
                    destination[at++] = (byte)(0x80 | codePoint >> 6 & 0x3F);
                    destination[at++] = (byte)(0x80 | codePoint & 0x3F);
                }
            }
            return at - start;
        }
    }
}
