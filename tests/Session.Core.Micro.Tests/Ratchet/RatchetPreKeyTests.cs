using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Ratchet
{
    public class RatchetPreKeyTests
    {
        [Fact]
        public void Open_CreatedBundle_GivesThePreKey()
        {
            var pair = new RatchetPair(41);
            byte[] preKey = new byte[X25519.KeySize];
            RatchetPreKey.Open(preKey, pair.PreKeyBundle, pair.Receiver.PublicKey);
            byte[] expected = new byte[X25519.KeySize];
            X25519.ScalarMultBase(expected, pair.PreKeySecret);
            Assert.Equal(expected, preKey);
        }

        [Fact]
        public void Open_AnyFlippedBit_Refused()
        {
            var pair = new RatchetPair(42);
            byte[] preKey = new byte[X25519.KeySize];
            int refused = 0;
            for (int bit = 0; bit < RatchetPreKey.Size * 8; bit++)
            {
                var e = Assert.Throws<RatchetException>(() => RatchetPreKey.Open(preKey, Bits.Flip(pair.PreKeyBundle, bit), pair.Receiver.PublicKey));
                Assert.True(e.Error == RatchetError.PreKeyRejected || (bit < 8 && e.Error == RatchetError.UnsupportedVersion), e.Message);
                refused++;
            }
            Assert.Equal(RatchetPreKey.Size * 8, refused);
        }

        [Fact]
        public void Open_SignedByAnotherSessionId_Refused()
        {
            var pair = new RatchetPair(43);
            var other = new TestIdentity(new DeterministicRandomSource(4300));
            var e = Assert.Throws<RatchetException>(() => RatchetPreKey.Open(new byte[32], pair.PreKeyBundle, other.PublicKey));
            Assert.Equal(RatchetError.PreKeyRejected, e.Error);
            Assert.Contains("another Session ID", e.Message);
        }

        [Fact]
        public void Open_WrongLengthOrVersion_SaysWhich()
        {
            var pair = new RatchetPair(44);
            var shortBundle = Assert.Throws<RatchetException>(() => RatchetPreKey.Open(new byte[32], pair.PreKeyBundle[..^1], pair.Receiver.PublicKey));
            Assert.Equal(RatchetError.Malformed, shortBundle.Error);
            Assert.Contains("129 bytes", shortBundle.Message);
            byte[] v2 = (byte[])pair.PreKeyBundle.Clone();
            v2[0] = 2;
            Assert.Equal(RatchetError.UnsupportedVersion, Assert.Throws<RatchetException>(() => RatchetPreKey.Open(new byte[32], v2, pair.Receiver.PublicKey)).Error);
        }

        [Fact]
        public void Initiate_SmallOrderPreKey_BadKey()
        {
            // A bundle correctly signed by the receiver, around a small-order point (u = 0).
            var pair = new RatchetPair(45);
            byte[] bundle = (byte[])pair.PreKeyBundle.Clone();
            Array.Clear(bundle, RatchetPreKey.PreKeyOffset, X25519.KeySize);
            byte[] message = new byte[32 + RatchetPreKey.SignatureOffset];
            System.Text.Encoding.ASCII.GetBytes("SessionBeacon ratchet pre-key v1").CopyTo(message, 0);
            Array.Copy(bundle, 0, message, 32, RatchetPreKey.SignatureOffset);
            byte[] signature = new byte[Ed25519.SignatureSize];
            Ed25519.Sign(signature, pair.Receiver.EdSecretKey, message);
            Array.Copy(signature, 0, bundle, RatchetPreKey.SignatureOffset, Ed25519.SignatureSize);
            var e = Assert.Throws<RatchetException>(() => RatchetSession.Initiate(pair.BeaconStore, pair.BeaconRandom, pair.Beacon.SecretKey,
                pair.Beacon.PublicKey, pair.Receiver.PublicKey, bundle));
            Assert.Equal(RatchetError.BadKey, e.Error);
            Assert.Equal(0, pair.BeaconStore.Saves);
        }

        [Fact]
        public void Create_BadArguments_Throw()
        {
            var identity = new TestIdentity(new DeterministicRandomSource(46));
            var random = new DeterministicRandomSource(47);
            Assert.Throws<ArgumentException>(() => RatchetPreKey.Create(new byte[RatchetPreKey.Size - 1], new byte[32], identity.EdSecretKey, random));
            Assert.Throws<ArgumentException>(() => RatchetPreKey.Create(new byte[RatchetPreKey.Size], new byte[32], new byte[32], random));
            Assert.Throws<ArgumentNullException>(() => RatchetPreKey.Create(new byte[RatchetPreKey.Size], new byte[32], identity.EdSecretKey, null));
            Assert.Throws<ArgumentNullException>(() => RatchetPreKey.Open(new byte[32], null, identity.PublicKey));
        }
    }
}
