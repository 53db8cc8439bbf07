using System;

namespace Session.Core.Micro
{
    /// <summary>
    /// The core's messages in one place: first misuse by the caller (ArgumentException and kin),
    /// then malformed data from outside (MalformedDataException). Kept short: the device stores
    /// every string. A failed tag or signature is not an error but a false result.
    /// </summary>
    internal static class Errors
    {
        public static ArgumentException Length(string parameter, int expected)
        {
            return new ArgumentException(parameter + " must be " + expected.ToString() + " bytes", parameter);
        }

        public static ArgumentNullException Null(string parameter)
        {
            return new ArgumentNullException(parameter);
        }

        public static ArgumentException Slice(string parameter)
        {
            return new ArgumentException("offset and count must lie inside " + parameter, parameter);
        }

        public static ArgumentException Range(string parameter)
        {
            return new ArgumentException(parameter + " is out of range", parameter);
        }

        public static ArgumentException SmallOrderKey(string parameter)
        {
            return new ArgumentException(parameter + " is a small-order point, not a usable public key", parameter);
        }

        public static ArgumentException Negative(string parameter)
        {
            return new ArgumentException(parameter + " must not be negative", parameter);
        }

        public static ArgumentException LoneSurrogate(string parameter, int index)
        {
            return new ArgumentException(parameter + " has a lone surrogate at index " + index.ToString(), parameter);
        }

        public static ArgumentException FieldNumber(int field)
        {
            return new ArgumentException("field must be 1 to 536870911, not " + field.ToString(), "field");
        }

        public static ArgumentException MessageToken(int token)
        {
            return new ArgumentException("token " + token.ToString() + " is not the innermost open message", "token");
        }

        public static InvalidOperationException BufferFull()
        {
            return new InvalidOperationException("a byte buffer cannot grow past 2 GiB");
        }

        public static InvalidOperationException NestingTooDeep(int maximum)
        {
            return new InvalidOperationException("messages nest at most " + maximum.ToString() + " deep");
        }

        public static InvalidOperationException NoCurrentField()
        {
            return new InvalidOperationException("no current field: call Next first");
        }

        // Malformed data: bytes from outside that break their format, not misuse.

        // Malformed UTF-8 (Utf8.Decode). Offsets index the caller's array.

        public static Encoding.MalformedDataException Utf8StrayContinuation(int offset)
        {
            return Utf8(offset, "continuation byte without a lead byte");
        }

        public static Encoding.MalformedDataException Utf8InvalidLead(int offset, int value)
        {
            return Utf8(offset, "byte 0x" + value.ToString("x2") + " never starts a character");
        }

        public static Encoding.MalformedDataException Utf8MissingContinuation(int offset)
        {
            return Utf8(offset, "expected a continuation byte");
        }

        public static Encoding.MalformedDataException Utf8Truncated(int offset)
        {
            return Utf8(offset, "sequence cut short by the end of the data");
        }

        public static Encoding.MalformedDataException Utf8Overlong(int offset)
        {
            return Utf8(offset, "overlong encoding");
        }

        public static Encoding.MalformedDataException Utf8Surrogate(int offset)
        {
            return Utf8(offset, "encoded surrogate (U+D800 to U+DFFF)");
        }

        public static Encoding.MalformedDataException Utf8BeyondUnicode(int offset)
        {
            return Utf8(offset, "code point above U+10FFFF");
        }

        // Malformed protobuf (ProtobufReader). Offsets index the caller's array.

        public static Encoding.MalformedDataException TruncatedVarint(int offset)
        {
            return Protobuf(offset, "truncated varint");
        }

        public static Encoding.MalformedDataException VarintTooLong(int offset)
        {
            return Protobuf(offset, "varint longer than 10 bytes");
        }

        public static Encoding.MalformedDataException VarintOverflow(int offset)
        {
            return Protobuf(offset, "varint above 64 bits");
        }

        public static Encoding.MalformedDataException TagTooLarge(int offset)
        {
            return Protobuf(offset, "tag above 32 bits");
        }

        public static Encoding.MalformedDataException FieldZero(int offset)
        {
            return Protobuf(offset, "field number 0");
        }

        public static Encoding.MalformedDataException BadWireType(int offset, int wireType)
        {
            return Protobuf(offset, "wire type " + wireType.ToString() + " does not exist");
        }

        public static Encoding.MalformedDataException Group(int offset, int field)
        {
            return Protobuf(offset, "field " + field.ToString() + " is a group (wire type 3/4), which is not supported");
        }

        public static Encoding.MalformedDataException TruncatedFixed(int offset, int size)
        {
            return Protobuf(offset, "truncated fixed" + (size * 8).ToString() + " (" + size.ToString() + " bytes needed)");
        }

        public static Encoding.MalformedDataException LengthPastEnd(int offset, ulong length, int left)
        {
            return Protobuf(offset, "length " + length.ToString() + " runs past the end (" + left.ToString() + " bytes left)");
        }

        public static Encoding.MalformedDataException WireTypeMismatch(int offset, int field, int actual, int expected)
        {
            return Protobuf(offset, "field " + field.ToString() + " has wire type " + actual.ToString() + ", read as wire type " + expected.ToString());
        }

        private static Encoding.MalformedDataException Utf8(int offset, string what)
        {
            return new Encoding.MalformedDataException("UTF-8: " + what + " at byte " + offset.ToString(), offset);
        }

        private static Encoding.MalformedDataException Protobuf(int offset, string what)
        {
            return new Encoding.MalformedDataException("protobuf: " + what + " at byte " + offset.ToString(), offset);
        }

        // Session IDs typed by a user (SessionId.Parse): which rule failed.

        public static string SessionIdEmpty()
        {
            return "no Session ID given: expected 66 hex digits starting 05";
        }

        public static string SessionIdLength(int length)
        {
            return "a Session ID has 66 characters (05 and 64 hex digits), this has " + length.ToString();
        }

        public static string SessionIdNotHex(char c, int index)
        {
            return "character '" + c.ToString() + "' at position " + (index + 1).ToString() + " is not a hex digit (0-9, a-f)";
        }

        public static string SessionIdPrefix(string prefix)
        {
            string kind = prefix == "03" ? " (a group)" : prefix == "15" || prefix == "25" ? " (a blinded community ID)" : "";
            return "a Session ID starts with 05, this starts with " + prefix + kind;
        }

        // Message layer (Messages/): misuse, then messages that cannot be built or read.

        public static ArgumentException ExpirationMismatch()
        {
            return new ArgumentException("expirationTimerSeconds must be 0 exactly when expirationType is Unknown, and expirationType one of the enum's values", "expirationTimerSeconds");
        }

        public static ArgumentException RecipientKey()
        {
            return new ArgumentException("recipientPublicKey must be 32 bytes, or 33 starting 0x05", "recipientPublicKey");
        }

        public static Messages.MessageException TooLarge(int size, int maximum)
        {
            return new Messages.MessageException(Messages.MessageError.TooLarge,
                "message payload is " + size.ToString() + " bytes, a swarm stores at most " + maximum.ToString());
        }

        public static Messages.MessageException NotBase64()
        {
            return new Messages.MessageException(Messages.MessageError.NotBase64, "stored data is not valid base64");
        }

        public static Messages.MessageException MalformedLayer(string layer, Encoding.MalformedDataException error)
        {
            return new Messages.MessageException(Messages.MessageError.MalformedProtobuf, layer + ": " + error.Message, error);
        }

        public static Messages.MessageException MissingField(string layer, string field)
        {
            return new Messages.MessageException(Messages.MessageError.MissingField, layer + " has no " + field);
        }

        public static Messages.MessageException NotSessionMessage(int type)
        {
            return new Messages.MessageException(Messages.MessageError.NotSessionMessage,
                "envelope type is " + type.ToString() + ", a 1-to-1 message has type 6");
        }

        public static Messages.MessageException ProSignatureLength(int count)
        {
            return new Messages.MessageException(Messages.MessageError.WrongLength, "envelope proSig is " + count.ToString() + " bytes, not 64");
        }

        public static Messages.MessageException TimestampOutOfRange(string field)
        {
            return new Messages.MessageException(Messages.MessageError.MalformedProtobuf, field + " is above 2^63 - 1 ms");
        }

        public static Messages.MessageException CiphertextTooShort(int count, int minimum)
        {
            return new Messages.MessageException(Messages.MessageError.WrongLength,
                "envelope content is " + count.ToString() + " bytes, a signed sealed message needs at least " + minimum.ToString());
        }

        public static Messages.MessageException DecryptionFailed()
        {
            return new Messages.MessageException(Messages.MessageError.DecryptionFailed,
                "decryption failed: the sealed box is damaged or not addressed to this Session ID");
        }

        public static Messages.MessageException BadSignature()
        {
            return new Messages.MessageException(Messages.MessageError.BadSignature, "the sender's signature does not verify");
        }

        public static Messages.MessageException InvalidSenderKey()
        {
            return new Messages.MessageException(Messages.MessageError.InvalidSenderKey, "the sender's Ed25519 key has no X25519 form");
        }

        public static Messages.MessageException PaddingAllZero(int count)
        {
            return new Messages.MessageException(Messages.MessageError.BadPadding,
                count == 0 ? "padded message is empty" : "padded message is " + count.ToString() + " zero bytes, no content");
        }

        public static Messages.MessageException PaddingNoMarker(int index, int value)
        {
            return new Messages.MessageException(Messages.MessageError.BadPadding,
                "zero padding follows byte 0x" + value.ToString("x2") + " at " + index.ToString() + ", not the 0x80 marker");
        }

        public static Messages.MessageException TimestampMismatch(long sigTimestamp, long envelopeTimestamp)
        {
            return new Messages.MessageException(Messages.MessageError.TimestampMismatch,
                "Content.sigTimestamp " + sigTimestamp.ToString() + " differs from the envelope timestamp " + envelopeTimestamp.ToString());
        }

        public static Messages.MessageException UnknownFlags(uint flags)
        {
            return new Messages.MessageException(Messages.MessageError.UnknownFlags,
                "DataMessage.flags is " + flags.ToString() + ", only 0 and 2 (expiration timer update) exist");
        }

        public static InvalidOperationException SealingKeyUsed()
        {
            return new InvalidOperationException("a sealing key seals one message only; prepare a new one");
        }

        // Malformed JSON (JsonReader) and replies of the wrong shape (JsonValue). Offsets index the caller's array.

        public static Encoding.MalformedDataException Json(int offset, string what)
        {
            return new Encoding.MalformedDataException("JSON: " + what + " at byte " + offset.ToString(), offset);
        }

        public static Encoding.MalformedDataException JsonShape(int offset, string expected)
        {
            return Json(offset, "expected " + expected);
        }

        public static Encoding.MalformedDataException JsonMissing(int offset, string name)
        {
            return Json(offset, "missing member \"" + name + "\" in the object");
        }

        public static InvalidOperationException JsonWriterState(string what)
        {
            return new InvalidOperationException("JSON writer: " + what);
        }

        // Onion requests and the service-node client.

        public static ArgumentException NodeAddress(string ip)
        {
            return new ArgumentException("service node address must be a dotted IPv4 address other than 0.0.0.0, not \"" + ip + "\"", "ip");
        }

        public static ArgumentException PathRepeatsNode(string parameter, string ed25519Hex)
        {
            return new ArgumentException(parameter + ": node " + ed25519Hex + " appears twice on the onion route", parameter);
        }

        public static InvalidOperationException KeysWiped()
        {
            return new InvalidOperationException("onion keys were wiped after use; create new ones per request");
        }

        public static ArgumentException RequestTooLarge(string parameter, int maximum)
        {
            return new ArgumentException(parameter + " makes the onion request larger than " + maximum.ToString() + " bytes", parameter);
        }

        public static ArgumentException NotSessionId(string parameter)
        {
            return new ArgumentException(parameter + " must be a Session ID: 66 hex digits starting 05", parameter);
        }

        public static ArgumentException DataTooLarge(string parameter, int size, int maximum)
        {
            return new ArgumentException(parameter + " is " + size.ToString() + " bytes; a swarm stores at most " + maximum.ToString(), parameter);
        }

        public static ArgumentException SeedUrl(string url)
        {
            return new ArgumentException("seed URL must be https://host:port or http://host:port, not \"" + url + "\"", "url");
        }

        public static ArgumentException SeedPin(string url)
        {
            return new ArgumentException("seed " + url + ": an https seed needs its certificate pin (44 base64 characters of SHA-256), an http seed none", "pin");
        }

        public static System.InvalidOperationException PreparedStoreUsed()
        {
            return new System.InvalidOperationException("prepared store was already sent or wiped; prepare a new one");
        }

        public static System.InvalidOperationException NonceUsed()
        {
            return new System.InvalidOperationException("Ed25519 nonce was already used or wiped; a nonce signs one message only, prepare a new one");
        }
    }
}
