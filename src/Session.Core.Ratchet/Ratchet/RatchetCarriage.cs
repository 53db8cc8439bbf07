// How a ratchet packet rides in a Session v1 message (docs/ratchet.md, "Carriage"): the packet
// becomes the text of an ordinary DataMessage, so it keeps the v1 layer's onion routing, sealing
// and sender signature, and a stock Session app that receives one shows a readable line:
//   body = Marker "\n" Prefix base64(CarriageVersion || packet)
// Marker is one line of text for people; Prefix and the version byte are for machines. Standard
// padded base64 (+/ alphabet), no white space. Size: packet + 1 byte, times 4/3, plus 68 characters.
// Recognition (IsRatchetMessage) only compares characters, never decodes, and never throws for a
// message that is not a ratchet message, so a receive loop can ask it of every message.
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Messages;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>Puts ratchet packets into Session v1 message bodies and takes them out again.</summary>
    public static class RatchetCarriage
    {
        /// <summary>The first line of the body: what a person sees in a stock Session app.</summary>
        public const string Marker = "SessionBeacon secure alert \u2014 open with a SessionBeacon receiver";

        /// <summary>Starts the second line of the body, followed by the base64 of the binary payload.</summary>
        public const string Prefix = "SBR:";

        /// <summary>The first byte of the binary payload: the carriage format this build writes and reads.</summary>
        public const byte Version = 1;

        // Marker, line break and prefix: how every carried body starts.
        private const string Header = Marker + "\n" + Prefix;

        /// <summary>The message body that carries <paramref name="packet"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="packet"/> is null.</exception>
        public static string Body(byte[] packet)
        {
            if (packet == null)
            {
                throw Errors.Null("packet");
            }
            byte[] payload = new byte[1 + packet.Length];
            payload[0] = Version;
            System.Array.Copy(packet, 0, payload, 1, packet.Length);
            return Header + Base64.Encode(payload);
        }

        /// <summary>A Content message whose DataMessage carries <paramref name="packet"/> (see <see cref="Body"/>).</summary>
        /// <param name="packet">The ratchet packet.</param>
        /// <param name="displayName">The sender's profile name, or null for none.</param>
        /// <param name="sigTimestamp">The send time in Unix milliseconds.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="packet"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="sigTimestamp"/> is not positive, or the name has a lone surrogate.</exception>
        public static ContentMessage ToContent(byte[] packet, string displayName, long sigTimestamp)
        {
            return new ContentMessage(Body(packet), displayName, sigTimestamp);
        }

        /// <summary>
        /// True when <paramref name="message"/> is a data message whose body starts with the marker line
        /// and the prefix. Never throws for any message: ordinary messages simply give false.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="message"/> is null.</exception>
        public static bool IsRatchetMessage(IncomingMessage message)
        {
            if (message == null)
            {
                throw Errors.Null("message");
            }
            if (message.Kind != IncomingMessageKind.DataMessage)
            {
                return false;
            }
            string body = message.Body;
            return body != null && HeaderLength(body) > 0;
        }

        /// <summary>The packet a ratchet message carries (without the carriage version byte).</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="message"/> is null.</exception>
        /// <exception cref="RatchetException">
        /// <see cref="RatchetError.Malformed"/>: the message is not a ratchet message, or its second line is not
        /// base64 or is empty; <see cref="RatchetError.UnsupportedVersion"/>: another carriage version.
        /// </exception>
        public static byte[] ReadPacket(IncomingMessage message)
        {
            if (!IsRatchetMessage(message))
            {
                throw Errors.RatchetNotCarried("the message is not a SessionBeacon ratchet message (its body does not start with the marker line and '" + Prefix + "')");
            }
            string body = message.Body;
            int start = HeaderLength(body);
            byte[] payload = Base64.TryDecode(body.Substring(start));
            if (payload == null)
            {
                throw Errors.RatchetNotCarried("the text after '" + Prefix + "' is not base64");
            }
            if (payload.Length == 0)
            {
                throw Errors.RatchetNotCarried("the message carries no packet");
            }
            if (payload[0] != Version)
            {
                throw Errors.RatchetVersion("carriage", payload[0], Version);
            }
            byte[] packet = new byte[payload.Length - 1];
            System.Array.Copy(payload, 1, packet, 0, packet.Length);
            return packet;
        }

        // Characters of marker, line break and prefix when body starts with them; 0 otherwise.
        // An ordinal comparison (== on strings): culture rules must not make other text look like the
        // marker. One cut of the body, not an index per character: nanoCLR keeps strings as UTF-8,
        // and body[i] would walk it from its start every time (docs/portable-csharp.md §5).
        private static int HeaderLength(string body)
        {
            int length = Header.Length;
            return body.Length >= length && body.Substring(0, length) == Header ? length : 0;
        }
    }
}
