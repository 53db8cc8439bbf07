using System;
using System.Linq;
using System.Security.Cryptography;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Ratchet
{
    /// <summary>
    /// The construction of docs/ratchet.md, rebuilt from its text with libsodium (X25519, Ed25519,
    /// XChaCha20-Poly1305) and .NET's HKDF and HMAC, opens what the core's ratchet sends.
    /// </summary>
    public class RatchetConstructionTests
    {
        private static readonly byte[] Ones = Enumerable.Repeat((byte)0xFF, 32).ToArray();

        private static byte[] Ascii(string s) => System.Text.Encoding.ASCII.GetBytes(s);

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        private static byte[] Hkdf(byte[] ikm, byte[] salt, byte[] info, int length) =>
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, length, salt ?? new byte[32], info);

        private static byte[] Dh(byte[] secret, byte[] publicKey) => Sodium.ScalarMult.Mult(secret, publicKey);

        private static byte[] SessionAd(byte[] initiator, byte[] responder) => Concat(new byte[] { 0x05 }, initiator, new byte[] { 0x05 }, responder);

        // KDF_RK, KDF_CK, message keys and the AEAD, as the document states them.
        private static byte[] OpenWithChain(byte[] chainKey, byte[] sessionAd, byte[] packet, int headerSize)
        {
            byte[] messageKey = HMACSHA256.HashData(chainKey, new byte[] { 0x01 });
            byte[] okm = Hkdf(messageKey, null, Ascii("SessionBeacon ratchet v1 message"), 56);
            return Sodium.SecretAeadXChaCha20Poly1305.Decrypt(packet[headerSize..], okm[32..56], okm[..32], Concat(sessionAd, packet[..headerSize]));
        }

        [Fact]
        public void FirstPacket_OpenedFromTheDocument_WithLibsodium()
        {
            var pair = new RatchetPair(31);
            var beacon = pair.Initiate();
            byte[] plaintext = Ascii("help at the north gate");
            byte[] packet = beacon.Encrypt(plaintext);

            byte[] ek = packet[46..78];
            byte[] ratchetKey = packet[14..46];
            byte[] ad = SessionAd(pair.Beacon.PublicKey, pair.Receiver.PublicKey);
            byte[] dh1 = Dh(pair.PreKeySecret, pair.Beacon.PublicKey);
            byte[] dh2 = Dh(pair.Receiver.SecretKey, ek);
            byte[] dh3 = Dh(pair.PreKeySecret, ek);
            byte[] sk = Hkdf(Concat(Ones, dh1, dh2, dh3), new byte[32], Concat(Ascii("SessionBeacon ratchet v1 initial"), ad), 32);
            byte[] root = Hkdf(Dh(pair.PreKeySecret, ratchetKey), sk, Ascii("SessionBeacon ratchet v1 root"), 64);
            Assert.Equal(plaintext, OpenWithChain(root[32..], ad, packet, RatchetPacket.InitiationHeaderSize));
        }

        [Fact]
        public void Acknowledgement_OpenedFromTheDocument_WithLibsodium()
        {
            var pair = new RatchetPair(32);
            var (beacon, receiver) = pair.Pair(Ascii("alert"));
            byte[] beaconRatchetSecret = (byte[])beacon.State.SendingSecret.Clone();
            byte[] beaconRoot = (byte[])beacon.State.RootKey.Clone();
            byte[] ack = receiver.Encrypt(Ascii("help was reached"));

            // The beacon's DH ratchet step: a receiving chain from the receiver's new ratchet key.
            byte[] root = Hkdf(Dh(beaconRatchetSecret, ack[14..46]), beaconRoot, Ascii("SessionBeacon ratchet v1 root"), 64);
            byte[] ad = SessionAd(pair.Beacon.PublicKey, pair.Receiver.PublicKey);
            Assert.Equal(Ascii("help was reached"), OpenWithChain(root[32..], ad, ack, RatchetPacket.HeaderSize));
        }

        [Fact]
        public void PreKeyBundle_SignatureVerifiesWithLibsodium()
        {
            var pair = new RatchetPair(33);
            byte[] bundle = pair.PreKeyBundle;
            Assert.Equal(RatchetPreKey.Version, bundle[0]);
            Assert.Equal(pair.Receiver.EdPublicKey, bundle[1..33]);
            Assert.Equal(Sodium.ScalarMult.Base(pair.PreKeySecret), bundle[33..65]);
            Assert.True(Sodium.PublicKeyAuth.VerifyDetached(bundle[65..], Concat(Ascii("SessionBeacon ratchet pre-key v1"), bundle[..65]), pair.Receiver.EdPublicKey));
        }
    }
}
