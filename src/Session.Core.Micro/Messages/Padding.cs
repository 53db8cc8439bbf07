// Padding of Content before encryption (docs/protocol.md §2.3, libsession pad_message/unpad_message):
// Content || 0x80 || zeros up to a multiple of 160 bytes. The size is s = len + 1 rounded up by
// s += 160 - (s mod 160), so when len + 1 is already a multiple of 160 a whole extra block is added
// (len 159 -> 320): a quirk we keep, because it is what the apps send.
// Unpadding walks back over zero bytes; a 0x80 there is the marker and is removed. A message whose
// last byte is neither 0x00 nor 0x80 is taken as unpadded (clients do not enforce padding). Zero
// padding without the marker, or nothing but zeros, is an error.
namespace Session.Core.Micro.Messages
{
    /// <summary>Session's 160-byte message padding.</summary>
    public static class Padding
    {
        /// <summary>The block size 1-to-1 messages are padded to.</summary>
        public const int BlockSize = 160;

        /// <summary>The byte that ends the content and starts the padding.</summary>
        public const byte Marker = 0x80;

        /// <summary>The padded size of <paramref name="length"/> bytes of content.</summary>
        /// <exception cref="System.ArgumentException"><paramref name="length"/> is negative or too large to pad.</exception>
        public static int PaddedLength(int length)
        {
            if (length < 0 || length > int.MaxValue - 2 * BlockSize)
            {
                throw Errors.Range("length");
            }
            int size = length + 1;
            return size + BlockSize - size % BlockSize;
        }

        /// <summary>A new array holding <paramref name="content"/> padded to <see cref="PaddedLength"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="content"/> is null.</exception>
        public static byte[] Pad(byte[] content)
        {
            if (content == null)
            {
                throw Errors.Null("content");
            }
            byte[] padded = new byte[PaddedLength(content.Length)];
            System.Array.Copy(content, padded, content.Length);
            padded[content.Length] = Marker;
            return padded;
        }

        /// <summary>
        /// The length of the content in <paramref name="count"/> padded bytes of <paramref name="data"/>
        /// from <paramref name="offset"/>: the bytes before the marker, or all of them when the last byte
        /// is neither padding nor marker.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="offset"/> and <paramref name="count"/> do not lie within <paramref name="data"/>.</exception>
        /// <exception cref="MessageException">Error <see cref="MessageError.BadPadding"/>: the bytes are all zero, or zero padding ends in another byte than the marker.</exception>
        public static int UnpaddedLength(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length || data.Length - offset < count)
            {
                throw Errors.Slice("data");
            }
            int end = offset + count;
            int i = end - 1;
            while (i >= offset && data[i] == 0)
            {
                i--;
            }
            if (i < offset)
            {
                throw Errors.PaddingAllZero(count);
            }
            if (data[i] == Marker)
            {
                return i - offset;
            }
            if (i != end - 1)
            {
                throw Errors.PaddingNoMarker(i - offset, data[i]);
            }
            return count;
        }
    }
}
