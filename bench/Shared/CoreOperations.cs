// The core's operations that the benchmarks time, on fixed inputs, by name. The JIT benchmark
// sets libsodium and BouncyCastle beside the same names; the interpreter benchmark runs these alone.
using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Ratchet;

namespace Session.Core.Micro.Bench
{
    public sealed class CoreOperations
    {
        public const string X25519Name = "X25519 shared secret";
        public const string X25519BaseName = "X25519 public key";
        public const string SignName = "Ed25519 sign (200 B)";
        public const string VerifyName = "Ed25519 verify (200 B)";
        public const string SealName = "sealed box seal (200 B)";
        public const string OpenName = "sealed box open (200 B)";
        public const string XChaChaName = "XChaCha20-Poly1305 encrypt (1 KiB)";
        public const string ChaChaName = "ChaCha20 (1 KiB)";
        public const string Poly1305Name = "Poly1305 (1 KiB)";
        public const string SecretBoxName = "XSalsa20-Poly1305 secretbox (1 KiB)";
        public const string Sha256Name = "SHA-256 (1 KiB)";
        public const string Sha512Name = "SHA-512 (1 KiB)";
        public const string Blake2bName = "BLAKE2b-256 (1 KiB)";
        public const string HmacName = "HMAC-SHA-256 (1 KiB)";
        public const string HkdfName = "HKDF-SHA-256 (32 B out)";
        public const string AlertName = "alert payload (200 B)";
        public const string RatchetSendName = "ratchet send (200 B alert)";
        public const string RatchetAckName = "ratchet acknowledgement open (DH step)";

        public readonly byte[] SecretKey = Fixed(32, 1);
        public readonly byte[] PeerPublicKey = new byte[32];
        public readonly byte[] PeerSecretKey = Fixed(32, 2);
        public readonly byte[] Seed = Fixed(32, 3);
        public readonly byte[] EdPublicKey = new byte[Ed25519.PublicKeySize];
        public readonly byte[] EdSecretKey = new byte[Ed25519.SecretKeySize];
        public readonly byte[] Message200 = Fixed(200, 4);
        public readonly byte[] Message1K = Fixed(1024, 5);
        public readonly byte[] Key = Fixed(32, 6);
        public readonly byte[] Nonce24 = Fixed(24, 7);
        public readonly byte[] Nonce12 = Fixed(12, 8);
        public readonly byte[] Signature = new byte[Ed25519.SignatureSize];
        public readonly byte[] Sealed200 = new byte[200 + SealedBox.Overhead];

        private readonly byte[] _out32 = new byte[32];
        private readonly byte[] _out64 = new byte[64];
        private readonly byte[] _tag16 = new byte[16];
        private readonly byte[] _out1K = new byte[1024];
        private readonly byte[] _out1KTag = new byte[1024 + 16];
        private readonly byte[] _opened200 = new byte[200];
        private readonly FixedSource _ephemeral = new FixedSource(Fixed(32, 9));
        private readonly FixedSource _alertRandom = new FixedSource(Fixed(160, 10));
        private readonly IdentityKeys _sender;
        private readonly ContentMessage _alert = new ContentMessage(new string('A', 200), "SessionBeacon", 1764237600000);
        private readonly RatchetSession _beacon;
        private readonly FixedStore _beaconBeforeAck;
        private readonly byte[] _acknowledgement;

        public CoreOperations()
        {
            X25519.ScalarMultBase(PeerPublicKey, PeerSecretKey);
            Ed25519.KeyPairFromSeed(EdPublicKey, EdSecretKey, Seed);
            Ed25519.Sign(Signature, EdSecretKey, Message200);
            SealedBox.Seal(Sealed200, PeerPublicKey, Message200, _ephemeral);
            _sender = IdentityKeys.FromSeed(Seed);

            // A paired beacon (identity PeerSecretKey) and receiver (identity EdSecretKey); the receiver's
            // first acknowledgement, and the beacon's state just before it, so that every timed open
            // does the same DH ratchet step (it includes loading the 1,085-byte state).
            var receiverIdentity = new byte[32];
            Ed25519ToX25519.SecretKey(receiverIdentity, EdSecretKey);
            var receiverPublic = new byte[32];
            Ed25519ToX25519.PublicKey(receiverPublic, EdPublicKey);
            var bundle = new byte[RatchetPreKey.Size];
            var preKeySecret = new byte[32];
            RatchetPreKey.Create(bundle, preKeySecret, EdSecretKey, new FixedSource(Fixed(32, 10)));
            var random = new FixedSource(Fixed(32, 11));
            var beaconStore = new FixedStore();
            _beacon = RatchetSession.Initiate(beaconStore, random, PeerSecretKey, PeerPublicKey, receiverPublic, bundle);
            byte[] first = _beacon.Encrypt(Message200);
            var receiver = RatchetSession.Accept(new FixedStore(), random, receiverIdentity, receiverPublic, preKeySecret, PeerPublicKey, first, out _);
            _acknowledgement = receiver.Encrypt(Message200);
            _beaconBeforeAck = new FixedStore();
            _beaconBeforeAck.Save(beaconStore.Load());
            _beaconBeforeAck.Frozen = true;
            // Sends are timed after the acknowledgement, as they run once a pairing is settled.
            _beacon.Decrypt(_acknowledgement);
        }

        /// <summary>Bytes of the ratchet state a beacon stores per receiver.</summary>
        public static int RatchetStateBytes => RatchetSession.StateSize;

        /// <summary>Every operation, in report order.</summary>
        public (string Name, Action Run)[] All()
        {
            return new (string, Action)[]
            {
                (X25519Name, () => X25519.ScalarMult(_out32, SecretKey, PeerPublicKey)),
                (X25519BaseName, () => X25519.ScalarMultBase(_out32, SecretKey)),
                (SignName, () => Ed25519.Sign(_out64, EdSecretKey, Message200)),
                (VerifyName, () => Ed25519.Verify(Signature, Message200, EdPublicKey)),
                (SealName, () => SealedBox.Seal(Sealed200, PeerPublicKey, Message200, _ephemeral)),
                (OpenName, () => SealedBox.Open(_opened200, PeerPublicKey, PeerSecretKey, Sealed200)),
                (XChaChaName, () => XChaCha20Poly1305.Encrypt(_out1KTag, Key, Nonce24, null, Message1K)),
                (ChaChaName, () => ChaCha20.Xor(_out1K, 0, Key, Nonce12, 1, Message1K, 0, Message1K.Length)),
                (Poly1305Name, () => Poly1305.Compute(_tag16, Key, Message1K)),
                (SecretBoxName, () => SecretBox.Seal(_out1KTag, Key, Nonce24, Message1K)),
                (Sha256Name, () => Sha256.Hash(_out32, 0, Message1K, 0, Message1K.Length)),
                (Sha512Name, () => Sha512.Hash(_out64, 0, Message1K, 0, Message1K.Length)),
                (Blake2bName, () => Blake2b.Hash(_out32, 0, 32, null, Message1K, 0, Message1K.Length)),
                (HmacName, () => HmacSha256.Compute(Key, Message1K)),
                (HkdfName, () => HkdfSha256.DeriveKey(Key, Nonce24, Nonce12, 32)),
                // The whole message layer (protocol.md §2): Content, pad, sign, seal, decoy proSig, envelope.
                (AlertName, () => MessageEncoder.Encode(_sender, PeerPublicKey, _alert, _alertRandom)),
                (RatchetSendName, () => _beacon.Encrypt(Message200)),
                (RatchetAckName, () => RatchetSession.Load(_beaconBeforeAck, _ephemeral).Decrypt(_acknowledgement)),
            };
        }

        private static byte[] Fixed(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        // Hands out the same ephemeral key every time: a benchmark must time the same work each call.
        private sealed class FixedSource : IRandomSource
        {
            private readonly byte[] _bytes;

            public FixedSource(byte[] bytes)
            {
                _bytes = bytes;
            }

            public void Fill(byte[] buffer, int offset, int count)
            {
                Array.Copy(_bytes, 0, buffer, offset, count);
            }
        }

        // A state store in memory. Frozen, it keeps what it holds and drops later saves, so a
        // benchmark can start each call from the same state.
        private sealed class FixedStore : IRatchetStateStore
        {
            private byte[] _state;

            public bool Frozen { get; set; }

            public void Save(byte[] state)
            {
                if (!Frozen)
                {
                    _state = (byte[])state.Clone();
                }
            }

            public byte[] Load() => _state;
        }
    }
}
