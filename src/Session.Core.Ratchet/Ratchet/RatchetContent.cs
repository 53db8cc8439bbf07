// The plaintext inside a carried ratchet packet (docs/ratchet.md, "Carriage"), format:
//   alert            01 || UTF-8 text (may be empty)
//   acknowledgement  02 || count (1 byte, 1..MaxAcknowledged) || count x message counter (4 bytes, big-endian)
// An acknowledgement names the counters (RatchetPacket.Sequence) of the alerts the receiver opened,
// so the beacon learns which alerts reached a person's receiver; it travels as a ratchet packet
// itself and so advances the beacon's DH ratchet. Nothing else may follow the fields.
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>An opened carried packet: an alert's text or an acknowledgement's counters, with the packet's own counter.</summary>
    public sealed class RatchetContent
    {
        /// <summary>Most message counters one acknowledgement names.</summary>
        public const int MaxAcknowledged = 32;

        private const int CounterSize = 4;

        private readonly RatchetContentKind _kind;
        private readonly string _text;
        private readonly uint[] _acknowledged;
        private readonly uint _sequence;

        private RatchetContent(RatchetContentKind kind, string text, uint[] acknowledged, uint sequence)
        {
            _kind = kind;
            _text = text;
            _acknowledged = acknowledged;
            _sequence = sequence;
        }

        /// <summary>Alert or acknowledgement.</summary>
        public RatchetContentKind Kind
        {
            get { return _kind; }
        }

        /// <summary>The alert's text; null for an acknowledgement.</summary>
        public string Text
        {
            get { return _text; }
        }

        /// <summary>A copy of the counters an acknowledgement names; null for an alert.</summary>
        public uint[] Acknowledged
        {
            get { return _acknowledged == null ? null : (uint[])_acknowledged.Clone(); }
        }

        /// <summary>The sender's message counter of the packet this came in (what an acknowledgement of it names).</summary>
        public uint Sequence
        {
            get { return _sequence; }
        }

        /// <summary>True when this is an acknowledgement that names <paramref name="sequence"/>: help was reached for that alert.</summary>
        public bool Acknowledges(uint sequence)
        {
            if (_acknowledged == null)
            {
                return false;
            }
            for (int i = 0; i < _acknowledged.Length; i++)
            {
                if (_acknowledged[i] == sequence)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The plaintext of an alert.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="text"/> has a lone surrogate.</exception>
        public static byte[] EncodeAlert(string text)
        {
            if (text == null)
            {
                throw Errors.Null("text");
            }
            // One walk of the text (docs/portable-csharp.md §5): Utf8.Encode counts and encodes one
            // char array; the copy behind the kind byte costs a transient array of the text's size,
            // as the core's unchecked encoder behind a known count is internal to the core.
            byte[] utf8 = Utf8.Encode(text);
            byte[] plaintext = new byte[1 + utf8.Length];
            plaintext[0] = (byte)RatchetContentKind.Alert;
            System.Array.Copy(utf8, 0, plaintext, 1, utf8.Length);
            return plaintext;
        }

        /// <summary>The plaintext of an acknowledgement of the packets with counters <paramref name="sequences"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="sequences"/> is null.</exception>
        /// <exception cref="System.ArgumentException">It names no counter, more than <see cref="MaxAcknowledged"/>, or counter 0.</exception>
        public static byte[] EncodeAcknowledgement(uint[] sequences)
        {
            if (sequences == null)
            {
                throw Errors.Null("sequences");
            }
            if (sequences.Length == 0 || sequences.Length > MaxAcknowledged)
            {
                throw Errors.Range("sequences");
            }
            byte[] plaintext = new byte[2 + sequences.Length * CounterSize];
            plaintext[0] = (byte)RatchetContentKind.Acknowledgement;
            plaintext[1] = (byte)sequences.Length;
            for (int i = 0; i < sequences.Length; i++)
            {
                uint value = sequences[i];
                if (value == 0)
                {
                    throw Errors.Range("sequences");
                }
                int at = 2 + i * CounterSize;
                plaintext[at] = (byte)(value >> 24);
                plaintext[at + 1] = (byte)(value >> 16);
                plaintext[at + 2] = (byte)(value >> 8);
                plaintext[at + 3] = (byte)value;
            }
            return plaintext;
        }

        /// <summary>Reads an opened plaintext that came in the packet with counter <paramref name="sequence"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="plaintext"/> is null.</exception>
        /// <exception cref="RatchetException"><see cref="RatchetError.Malformed"/>: empty, an unknown kind, bad UTF-8, or a wrong length.</exception>
        public static RatchetContent Read(byte[] plaintext, uint sequence)
        {
            if (plaintext == null)
            {
                throw Errors.Null("plaintext");
            }
            if (plaintext.Length == 0)
            {
                throw Errors.RatchetNotCarried("the opened packet is empty (no content kind)");
            }
            int kind = plaintext[0];
            if (kind == (int)RatchetContentKind.Alert)
            {
                string text;
                try
                {
                    text = Utf8.Decode(plaintext, 1, plaintext.Length - 1);
                }
                catch (MalformedDataException error)
                {
                    throw Errors.RatchetNotCarried("the alert text is not UTF-8 (" + error.Message + ")");
                }
                return new RatchetContent(RatchetContentKind.Alert, text, null, sequence);
            }
            if (kind == (int)RatchetContentKind.Acknowledgement)
            {
                int count = plaintext.Length > 1 ? plaintext[1] : 0;
                if (count == 0 || count > MaxAcknowledged || plaintext.Length != 2 + count * CounterSize)
                {
                    throw Errors.RatchetNotCarried("an acknowledgement of " + count.ToString() + " counters cannot be "
                        + plaintext.Length.ToString() + " bytes (1 to " + MaxAcknowledged.ToString() + " counters of 4 bytes after 2)");
                }
                uint[] acknowledged = new uint[count];
                for (int i = 0; i < count; i++)
                {
                    int at = 2 + i * CounterSize;
                    acknowledged[i] = ((uint)plaintext[at] << 24) | ((uint)plaintext[at + 1] << 16) | ((uint)plaintext[at + 2] << 8) | plaintext[at + 3];
                }
                return new RatchetContent(RatchetContentKind.Acknowledgement, null, acknowledged, sequence);
            }
            throw Errors.RatchetNotCarried("unknown content kind " + kind.ToString() + " (this build reads 1 alert, 2 acknowledgement)");
        }
    }
}
