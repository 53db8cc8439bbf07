using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Ratchet;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>A Session identity for ratchet tests: Ed25519 keys and their X25519 forms.</summary>
    public sealed class TestIdentity
    {
        public TestIdentity(IRandomSource random)
        {
            var seed = new byte[Ed25519.SeedSize];
            random.Fill(seed, 0, seed.Length);
            Ed25519.KeyPairFromSeed(EdPublicKey, EdSecretKey, seed);
            Ed25519ToX25519.SecretKey(SecretKey, EdSecretKey);
            if (!Ed25519ToX25519.PublicKey(PublicKey, EdPublicKey))
            {
                throw new InvalidOperationException("identity conversion failed");
            }
        }

        public byte[] EdPublicKey { get; } = new byte[Ed25519.PublicKeySize];

        public byte[] EdSecretKey { get; } = new byte[Ed25519.SecretKeySize];

        /// <summary>X25519 secret key of the identity.</summary>
        public byte[] SecretKey { get; } = new byte[X25519.ScalarSize];

        /// <summary>X25519 public key: the key in the Session ID.</summary>
        public byte[] PublicKey { get; } = new byte[X25519.KeySize];
    }

    /// <summary>A paired beacon and receiver: identities, pre-key, stores, and the first packet both sides agreed on.</summary>
    public sealed class RatchetPair
    {
        public RatchetPair(long seed, MemoryStateStore beaconStore = null, MemoryStateStore receiverStore = null)
        {
            BeaconRandom = new DeterministicRandomSource(seed);
            ReceiverRandom = new DeterministicRandomSource(seed + 1);
            Beacon = new TestIdentity(BeaconRandom);
            Receiver = new TestIdentity(ReceiverRandom);
            BeaconStore = beaconStore ?? new MemoryStateStore();
            ReceiverStore = receiverStore ?? new MemoryStateStore();
            PreKeyBundle = new byte[RatchetPreKey.Size];
            PreKeySecret = new byte[X25519.ScalarSize];
            RatchetPreKey.Create(PreKeyBundle, PreKeySecret, Receiver.EdSecretKey, ReceiverRandom);
        }

        public DeterministicRandomSource BeaconRandom { get; }

        public DeterministicRandomSource ReceiverRandom { get; }

        public TestIdentity Beacon { get; }

        public TestIdentity Receiver { get; }

        public MemoryStateStore BeaconStore { get; }

        public MemoryStateStore ReceiverStore { get; }

        public byte[] PreKeyBundle { get; }

        public byte[] PreKeySecret { get; }

        public RatchetSession Initiate() =>
            RatchetSession.Initiate(BeaconStore, BeaconRandom, Beacon.SecretKey, Beacon.PublicKey, Receiver.PublicKey, PreKeyBundle);

        public RatchetSession Accept(byte[] packet, out byte[] plaintext) =>
            RatchetSession.Accept(ReceiverStore, ReceiverRandom, Receiver.SecretKey, Receiver.PublicKey, PreKeySecret, Beacon.PublicKey, packet, out plaintext);

        /// <summary>Pairs both sides with one alert: returns (beacon, receiver).</summary>
        public (RatchetSession Beacon, RatchetSession Receiver) Pair(byte[] firstAlert)
        {
            var beacon = Initiate();
            var receiver = Accept(beacon.Encrypt(firstAlert), out _);
            return (beacon, receiver);
        }
    }
}
