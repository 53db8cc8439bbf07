// The classes of problem a Session message can have on its way in or out (docs/protocol.md §2).
// Each MessageException carries one, so a caller (and a test) can tell them apart without reading
// the message text.
namespace Session.Core.Micro.Messages
{
    /// <summary>What was wrong with a message; see <see cref="MessageException.Error"/>.</summary>
    public enum MessageError
    {
        /// <summary>The stored data is not valid base64.</summary>
        NotBase64 = 1,

        /// <summary>The payload is larger than a swarm stores (76,800 bytes).</summary>
        TooLarge = 2,

        /// <summary>A layer (WebSocketMessage, Envelope, Content) is not valid protobuf or holds invalid UTF-8.</summary>
        MalformedProtobuf = 3,

        /// <summary>A field the protocol requires is absent (request, body, envelope type, timestamp or content).</summary>
        MissingField = 4,

        /// <summary>The envelope is not a 1-to-1 Session message (type other than 6).</summary>
        NotSessionMessage = 5,

        /// <summary>A field has an impossible length: a ciphertext too short to hold a signed message, a proSig not 64 bytes.</summary>
        WrongLength = 6,

        /// <summary>The sealed box does not open with our key: damaged, forged, or addressed to someone else.</summary>
        DecryptionFailed = 7,

        /// <summary>The sender's signature over the message does not verify.</summary>
        BadSignature = 8,

        /// <summary>The sender's Ed25519 key has no X25519 form (not a point of the prime-order group).</summary>
        InvalidSenderKey = 9,

        /// <summary>The padded Content is all zeros, or has zero padding without the 0x80 marker.</summary>
        BadPadding = 10,

        /// <summary>Content.sigTimestamp differs from the envelope's timestamp.</summary>
        TimestampMismatch = 11,

        /// <summary>DataMessage.flags holds a value other than 0 or 2 (expiration timer update).</summary>
        UnknownFlags = 12,
    }
}
