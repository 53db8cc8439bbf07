using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    // Ed25519 with a nonce prepared ahead (Ed25519Nonce): the signatures are ordinary Ed25519
    // signatures to any verifier (libsodium and the core), and a nonce signs exactly one message.
    public class Ed25519NonceTests
    {
        private readonly ITestOutputHelper _output;

        public Ed25519NonceTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Sign_WithPreparedNonce_VerifiesWithLibsodiumAndCore()
        {
            var random = new SeededRandom(_output, nameof(Sign_WithPreparedNonce_VerifiesWithLibsodiumAndCore));
            var source = new SeededRandomSource(random);
            int iterations = SeededRandom.Iterations / 10;
            for (int i = 0; i < iterations; i++)
            {
                byte[] publicKey = new byte[Ed25519.PublicKeySize];
                byte[] secretKey = new byte[Ed25519.SecretKeySize];
                Ed25519.KeyPairFromSeed(publicKey, secretKey, random.Bytes(Ed25519.SeedSize));
                byte[] message = random.Bytes(random.LengthFor(i) % 1200);
                Ed25519Nonce nonce = Ed25519Nonce.Create(secretKey, source);
                byte[] signature = new byte[Ed25519.SignatureSize];
                Ed25519.Sign(signature, secretKey, message, 0, message.Length, nonce);
                Assert.True(Sodium.PublicKeyAuth.VerifyDetached(signature, message, publicKey), "libsodium rejected iteration " + i);
                Assert.True(Ed25519.Verify(signature, message, publicKey), "core rejected iteration " + i);
                // It is not the deterministic signature (R comes from the random nonce), and it still binds the message.
                Assert.NotEqual(Sodium.PublicKeyAuth.SignDetached(message, secretKey), signature);
                byte[] other = Bits.Flip(message.Length == 0 ? new byte[1] : message, random.Next(Math.Max(1, message.Length) * 8));
                Assert.False(Sodium.PublicKeyAuth.VerifyDetached(signature, other, publicKey));
                Assert.False(Ed25519.Verify(signature, other, publicKey));
            }
        }

        [Fact]
        public void Sign_SliceOfALargerArray_SameAsTheWholeSlice()
        {
            var random = new SeededRandom(_output, nameof(Sign_SliceOfALargerArray_SameAsTheWholeSlice));
            byte[] publicKey = new byte[Ed25519.PublicKeySize];
            byte[] secretKey = new byte[Ed25519.SecretKeySize];
            Ed25519.KeyPairFromSeed(publicKey, secretKey, random.Bytes(Ed25519.SeedSize));
            byte[] buffer = random.Bytes(300);
            byte[] signature = new byte[Ed25519.SignatureSize];
            Ed25519.Sign(signature, secretKey, buffer, 17, 200, Ed25519Nonce.Create(secretKey, new SeededRandomSource(random)));
            Assert.True(Sodium.PublicKeyAuth.VerifyDetached(signature, buffer.AsSpan(17, 200).ToArray(), publicKey));
        }

        [Fact]
        public void Sign_NonceUsedTwice_ClearErrorAndNoSignature()
        {
            var random = new SeededRandom(_output, nameof(Sign_NonceUsedTwice_ClearErrorAndNoSignature));
            byte[] secretKey = KeyFrom(random);
            Ed25519Nonce nonce = Ed25519Nonce.Create(secretKey, new SeededRandomSource(random));
            Assert.False(nonce.IsUsed);
            Assert.NotEqual(new byte[32], nonce.R);
            Assert.NotEqual(new byte[32], nonce.EncodedR);
            Ed25519.Sign(new byte[Ed25519.SignatureSize], secretKey, random.Bytes(50), 0, 50, nonce);
            Assert.True(nonce.IsUsed);
            // Wiped after use.
            Assert.Equal(new byte[32], nonce.R);
            Assert.Equal(new byte[32], nonce.EncodedR);
            byte[] second = new byte[Ed25519.SignatureSize];
            var error = Assert.Throws<InvalidOperationException>(() => Ed25519.Sign(second, secretKey, random.Bytes(50), 0, 50, nonce));
            Assert.Contains("already used", error.Message);
            Assert.Equal(new byte[Ed25519.SignatureSize], second);
        }

        [Fact]
        public void Sign_NonceWipedUnused_Refused()
        {
            var random = new SeededRandom(_output, nameof(Sign_NonceWipedUnused_Refused));
            byte[] secretKey = KeyFrom(random);
            Ed25519Nonce nonce = Ed25519Nonce.Create(secretKey, new SeededRandomSource(random));
            nonce.Wipe();
            Assert.True(nonce.IsUsed);
            Assert.Equal(new byte[32], nonce.R);
            Assert.Throws<InvalidOperationException>(() => Ed25519.Sign(new byte[64], secretKey, new byte[1], 0, 1, nonce));
        }

        [Fact]
        public void Sign_NonceOfAnotherKey_RefusedAndLeftUnused()
        {
            var random = new SeededRandom(_output, nameof(Sign_NonceOfAnotherKey_RefusedAndLeftUnused));
            Ed25519Nonce nonce = Ed25519Nonce.Create(KeyFrom(random), new SeededRandomSource(random));
            var error = Assert.Throws<ArgumentException>(() => Ed25519.Sign(new byte[64], KeyFrom(random), new byte[1], 0, 1, nonce));
            Assert.Contains("another key", error.Message);
            Assert.False(nonce.IsUsed);
        }

        [Fact]
        public void Create_BadArguments_Refused()
        {
            Assert.Throws<ArgumentNullException>(() => Ed25519Nonce.Create(null, new FixedRandom(new byte[32])));
            Assert.Throws<ArgumentException>(() => Ed25519Nonce.Create(new byte[32], new FixedRandom(new byte[32])));
            Assert.Throws<ArgumentNullException>(() => Ed25519Nonce.Create(new byte[64], null));
            Assert.Throws<ArgumentNullException>(() => Ed25519.Sign(new byte[64], new byte[64], new byte[1], 0, 1, null));
        }

        [Fact]
        public void MessageEncoder_WithPreparedNonce_OpensAndNonceIsUsedUp()
        {
            var random = new SeededRandom(_output, nameof(MessageEncoder_WithPreparedNonce_OpensAndNonceIsUsedUp));
            var source = new SeededRandomSource(random);
            IdentityKeys sender = IdentityKeys.FromSeed(random.Bytes(32));
            IdentityKeys recipient = IdentityKeys.FromSeed(random.Bytes(32));
            var content = new ContentMessage("PANIC: I need help now", "Beacon", 1_764_237_600_000);
            Ed25519Nonce nonce = Ed25519Nonce.Create(sender.Ed25519SecretKey, source);
            byte[] proSignature = new byte[DecoyProSignature.Size];
            DecoyProSignature.Write(proSignature, 0, source);
            byte[] payload = MessageEncoder.Encode(sender, content, SealingKey.Create(recipient.X25519PublicKey, source), proSignature, nonce);
            Assert.True(nonce.IsUsed);
            IncomingMessage opened = new MessageReceiver(recipient).Open(payload);
            Assert.Equal(content.Body, opened.Body);
            Assert.Equal(sender.SessionId, opened.SenderSessionId);
            Assert.Throws<InvalidOperationException>(() =>
                MessageEncoder.Encode(sender, content, SealingKey.Create(recipient.X25519PublicKey, source), proSignature, nonce));
        }

        private static byte[] KeyFrom(SeededRandom random)
        {
            byte[] secretKey = new byte[Ed25519.SecretKeySize];
            Ed25519.KeyPairFromSeed(new byte[Ed25519.PublicKeySize], secretKey, random.Bytes(Ed25519.SeedSize));
            return secretKey;
        }
    }
}
