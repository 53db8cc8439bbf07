// decrypt_incoming (docs/protocol.md §2.2, libsession session_encrypt.cpp): the reverse of
// MessageEncrypter. Open the sealed box with our X25519 key pair, split INNER = M || A || SIG,
// verify SIG over M || A || Y (Y = our own X25519 key, so a message re-sealed to someone else
// does not verify), and convert A to the sender's X25519 key, whose Session ID is the sender.
// The envelope's source field is never consulted: only the signature says who sent a message.
// Every failure is a MessageException; nothing is returned unless every check passed.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;

namespace Session.Core.Micro.Messages
{
    /// <summary>Session's decrypt_incoming: open, verify, and name the sender.</summary>
    public static class MessageDecrypter
    {
        /// <summary>The shortest ciphertext that can hold a signed message: sealed box overhead, key and signature.</summary>
        public const int MinCiphertextLength = MessageEncrypter.Overhead;

        /// <summary>Opens <paramref name="ciphertext"/> addressed to <paramref name="recipient"/> and returns the message M.</summary>
        /// <param name="recipient">Our keys.</param>
        /// <param name="ciphertext">The output of encrypt_for_recipient.</param>
        /// <param name="senderEd25519PublicKey">Receives the sender's Ed25519 key (32 bytes), which signed the message.</param>
        /// <param name="senderX25519PublicKey">Receives the sender's X25519 key (32 bytes): its Session ID is the sender.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="MessageException">
        /// <see cref="MessageError.WrongLength"/>, <see cref="MessageError.DecryptionFailed"/>,
        /// <see cref="MessageError.BadSignature"/> or <see cref="MessageError.InvalidSenderKey"/>.
        /// </exception>
        public static byte[] DecryptIncoming(IdentityKeys recipient, byte[] ciphertext, out byte[] senderEd25519PublicKey, out byte[] senderX25519PublicKey)
        {
            if (ciphertext == null)
            {
                throw Errors.Null("ciphertext");
            }
            int messageLength;
            senderEd25519PublicKey = new byte[Ed25519.PublicKeySize];
            senderX25519PublicKey = new byte[X25519.KeySize];
            byte[] inner = Open(recipient, ciphertext, 0, ciphertext.Length, senderEd25519PublicKey, senderX25519PublicKey, out messageLength);
            byte[] message = new byte[messageLength];
            System.Array.Copy(inner, message, messageLength);
            CryptoBytes.Wipe(inner);
            return message;
        }

        /// <summary>
        /// Opens ciphertext[offset..+count] and returns INNER (M || A || Y); M is its first
        /// <paramref name="messageLength"/> bytes. Fills the sender's keys (32-byte arrays).
        /// </summary>
        internal static byte[] Open(IdentityKeys recipient, byte[] ciphertext, int offset, int count,
            byte[] senderEd25519PublicKey, byte[] senderX25519PublicKey, out int messageLength)
        {
            if (recipient == null)
            {
                throw Errors.Null("recipient");
            }
            if (count < MinCiphertextLength)
            {
                throw Errors.CiphertextTooShort(count, MinCiphertextLength);
            }
            byte[] inner = new byte[count - SealedBox.Overhead];
            if (!SealedBox.Open(inner, 0, recipient.X25519PublicKey, recipient.X25519SecretKey, ciphertext, offset, count))
            {
                throw Errors.DecryptionFailed();
            }
            messageLength = inner.Length - MessageEncrypter.SignedOverhead;
            int signatureAt = messageLength + Ed25519.PublicKeySize;
            byte[] signature = new byte[Ed25519.SignatureSize];
            System.Array.Copy(inner, messageLength, senderEd25519PublicKey, 0, Ed25519.PublicKeySize);
            System.Array.Copy(inner, signatureAt, signature, 0, Ed25519.SignatureSize);
            // The signed bytes are M || A || Y: our own key takes the signature's place.
            System.Array.Copy(recipient.X25519PublicKey, 0, inner, signatureAt, X25519.KeySize);
            if (!Ed25519.Verify(signature, inner, 0, signatureAt + X25519.KeySize, senderEd25519PublicKey))
            {
                throw Errors.BadSignature();
            }
            if (!Ed25519ToX25519.PublicKey(senderX25519PublicKey, senderEd25519PublicKey))
            {
                throw Errors.InvalidSenderKey();
            }
            return inner;
        }
    }
}
