using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Ratchet
{
    public class RatchetSessionTests
    {
        private static byte[] Text(string s) => System.Text.Encoding.UTF8.GetBytes(s);

        private static RatchetError Refused(Action action)
        {
            return Assert.Throws<RatchetException>(action).Error;
        }

        internal static bool Contains(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                {
                    return true;
                }
            }
            return false;
        }

        [Fact]
        public void Accept_FirstAlert_OpensAndSavesBothSides()
        {
            var pair = new RatchetPair(1);
            var beacon = pair.Initiate();
            Assert.True(beacon.IsInitiator);
            Assert.True(beacon.AwaitingReply);
            Assert.Equal(1, pair.BeaconStore.Saves);
            byte[] packet = beacon.Encrypt(Text("help"));
            Assert.True(RatchetPacket.IsInitiation(packet));
            Assert.Equal(1u, RatchetPacket.Sequence(packet));

            var receiver = pair.Accept(packet, out byte[] plaintext);
            Assert.Equal(Text("help"), plaintext);
            Assert.False(receiver.IsInitiator);
            Assert.Equal(pair.Beacon.PublicKey, receiver.PeerIdentityKey);
            Assert.Equal(pair.Receiver.PublicKey, beacon.PeerIdentityKey);
            Assert.Equal(1, pair.ReceiverStore.Saves);
        }

        [Fact]
        public void Decrypt_Acknowledgement_AdvancesDhRatchetAndEndsInitiation()
        {
            var pair = new RatchetPair(2);
            var (beacon, receiver) = pair.Pair(Text("alert 1"));
            byte[] firstRatchetKey = (byte[])beacon.State.SendingPublic.Clone();

            byte[] ack = receiver.Encrypt(Text("help was reached"));
            Assert.False(RatchetPacket.IsInitiation(ack));
            Assert.Equal(Text("help was reached"), beacon.Decrypt(ack));
            Assert.False(beacon.AwaitingReply);
            Assert.NotEqual(firstRatchetKey, beacon.State.SendingPublic);

            byte[] next = beacon.Encrypt(Text("alert 2"));
            Assert.False(RatchetPacket.IsInitiation(next));
            Assert.Equal(Text("alert 2"), receiver.Decrypt(next));
        }

        [Fact]
        public void Encrypt_SameSeeds_SamePacketsByteForByte()
        {
            byte[] Run()
            {
                var pair = new RatchetPair(3);
                var beacon = pair.Initiate();
                return beacon.Encrypt(Text("same"));
            }
            Assert.Equal(Run(), Run());
        }

        [Fact]
        public void Encrypt_Packet_FollowsDocumentedLayout()
        {
            var pair = new RatchetPair(4);
            var beacon = pair.Initiate();
            beacon.Encrypt(Text("x"));
            byte[] plaintext = Text("layout");
            byte[] packet = beacon.Encrypt(plaintext);
            Assert.Equal(RatchetPacket.InitiationHeaderSize + plaintext.Length + RatchetPacket.TagSize, packet.Length);
            Assert.Equal(RatchetPacket.Version, packet[0]);
            Assert.Equal(RatchetPacket.InitiationFlag, packet[1]);
            Assert.Equal(new byte[] { 0, 0, 0, 2 }, packet[2..6]);   // sequence 2
            Assert.Equal(new byte[] { 0, 0, 0, 0 }, packet[6..10]);  // PN 0
            Assert.Equal(new byte[] { 0, 0, 0, 1 }, packet[10..14]); // N 1
            Assert.Equal(beacon.State.SendingPublic, packet[14..46]);
            Assert.Equal(beacon.State.InitiationKey, packet[46..78]);
        }

        [Fact]
        public void Accept_WrongInitiatorIdentity_FailsAuthentication()
        {
            var pair = new RatchetPair(5);
            byte[] packet = pair.Initiate().Encrypt(Text("a"));
            var stranger = new TestIdentity(new DeterministicRandomSource(99));
            Assert.Equal(RatchetError.AuthenticationFailed, Refused(() => RatchetSession.Accept(pair.ReceiverStore, pair.ReceiverRandom,
                pair.Receiver.SecretKey, pair.Receiver.PublicKey, pair.PreKeySecret, stranger.PublicKey, packet, out _)));
            Assert.Equal(0, pair.ReceiverStore.Saves);
        }

        [Fact]
        public void Accept_WrongPreKeySecret_FailsAuthentication()
        {
            var pair = new RatchetPair(6);
            byte[] packet = pair.Initiate().Encrypt(Text("a"));
            byte[] otherSecret = new byte[32];
            otherSecret[0] = 7;
            Assert.Equal(RatchetError.AuthenticationFailed, Refused(() => RatchetSession.Accept(pair.ReceiverStore, pair.ReceiverRandom,
                pair.Receiver.SecretKey, pair.Receiver.PublicKey, otherSecret, pair.Beacon.PublicKey, packet, out _)));
        }

        [Fact]
        public void Accept_PacketWithoutInitiation_IsMalformed()
        {
            var pair = new RatchetPair(7);
            var (beacon, receiver) = pair.Pair(Text("a"));
            beacon.Decrypt(receiver.Encrypt(Text("ack")));
            byte[] ordinary = beacon.Encrypt(Text("b"));
            var fresh = new RatchetPair(7);
            Assert.Equal(RatchetError.Malformed, Refused(() => fresh.Accept(ordinary, out _)));
        }

        [Fact]
        public void Decrypt_Duplicate_RefusedAndStateUnchanged()
        {
            var pair = new RatchetPair(8);
            var (beacon, receiver) = pair.Pair(Text("a"));
            byte[] packet = beacon.Encrypt(Text("b"));
            Assert.Equal(Text("b"), receiver.Decrypt(packet));
            byte[] before = receiver.State.Serialize();
            int saves = pair.ReceiverStore.Saves;
            Assert.Equal(RatchetError.Duplicate, Refused(() => receiver.Decrypt(packet)));
            Assert.Equal(before, receiver.State.Serialize());
            Assert.Equal(saves, pair.ReceiverStore.Saves);
        }

        [Fact]
        public void Decrypt_ReorderedWithinBound_AllOpenOnce()
        {
            var pair = new RatchetPair(9);
            var (beacon, receiver) = pair.Pair(Text("a"));
            var packets = new byte[RatchetSession.MaxSkippedKeys + 1][];
            for (int i = 0; i < packets.Length; i++)
            {
                packets[i] = beacon.Encrypt(Text("m" + i));
            }
            for (int i = packets.Length - 1; i >= 0; i--)
            {
                Assert.Equal(Text("m" + i), receiver.Decrypt(packets[i]));
            }
            Assert.Equal(0, receiver.State.Skipped.Count);
            foreach (byte[] packet in packets)
            {
                Assert.Equal(RatchetError.Duplicate, Refused(() => receiver.Decrypt(packet)));
            }
        }

        [Fact]
        public void Decrypt_ReorderedBeyondBound_TooOld()
        {
            var pair = new RatchetPair(10);
            var (beacon, receiver) = pair.Pair(Text("a"));
            var packets = new byte[RatchetSession.MaxSkippedKeys + 2][];
            for (int i = 0; i < packets.Length; i++)
            {
                packets[i] = beacon.Encrypt(Text("m" + i));
            }
            Assert.Equal(Text("m" + (packets.Length - 1)), receiver.Decrypt(packets[^1]));
            Assert.Equal(RatchetSession.MaxSkippedKeys, receiver.State.Skipped.Count);
            var error = Assert.Throws<RatchetException>(() => receiver.Decrypt(packets[0]));
            Assert.Equal(RatchetError.TooOld, error.Error);
            Assert.Contains("reordered beyond the bound of 8 skipped keys", error.Message);
            for (int i = 1; i < packets.Length - 1; i++)
            {
                Assert.Equal(Text("m" + i), receiver.Decrypt(packets[i]));
            }
        }

        [Fact]
        public void Decrypt_SkippedKeyPastLifetime_TooOld()
        {
            var pair = new RatchetPair(11);
            var (beacon, receiver) = pair.Pair(Text("a"));
            byte[] late = beacon.Encrypt(Text("late"));
            for (int i = 0; i < RatchetSession.SkippedKeyLifetime; i++)
            {
                receiver.Decrypt(beacon.Encrypt(Text("m" + i)));
                Assert.Equal(i < RatchetSession.SkippedKeyLifetime - 1 ? 1 : 0, receiver.State.Skipped.Count);
            }
            Assert.Equal(RatchetError.TooOld, Refused(() => receiver.Decrypt(late)));
        }

        [Fact]
        public void Decrypt_GapBeyondForwardLimit_TooFarAheadAndUnchanged()
        {
            var pair = new RatchetPair(12);
            var (beacon, receiver) = pair.Pair(Text("a"));
            var packets = new byte[RatchetSession.MaxForwardSkip + 2][];
            for (int i = 0; i < packets.Length; i++)
            {
                packets[i] = beacon.Encrypt(new byte[1]);
            }
            byte[] before = receiver.State.Serialize();
            Assert.Equal(RatchetError.TooFarAhead, Refused(() => receiver.Decrypt(packets[^1])));
            Assert.Equal(before, receiver.State.Serialize());
            Assert.NotNull(receiver.Decrypt(packets[^2]));
            Assert.NotNull(receiver.Decrypt(packets[^1]));
        }

        [Fact]
        public void Decrypt_AnyFlippedBit_Refused()
        {
            var pair = new RatchetPair(13);
            var (beacon, receiver) = pair.Pair(Text("a"));
            byte[] packet = beacon.Encrypt(Text("tamper"));
            byte[] before = receiver.State.Serialize();
            int tried = 0;
            for (int bit = 0; bit < packet.Length * 8; bit++)
            {
                byte[] bad = Bits.Flip(packet, bit);
                Assert.Throws<RatchetException>(() => receiver.Decrypt(bad));
                tried++;
            }
            Assert.Equal(packet.Length * 8, tried);
            Assert.Equal(before, receiver.State.Serialize());
            Assert.Equal(Text("tamper"), receiver.Decrypt(packet));
        }

        [Fact]
        public void Decrypt_InitiationOfAnotherPairing_OtherSession()
        {
            var pair = new RatchetPair(14);
            var (_, receiver) = pair.Pair(Text("a"));
            var again = RatchetSession.Initiate(new MemoryStateStore(), new DeterministicRandomSource(77), pair.Beacon.SecretKey,
                pair.Beacon.PublicKey, pair.Receiver.PublicKey, pair.PreKeyBundle);
            Assert.Equal(RatchetError.OtherSession, Refused(() => receiver.Decrypt(again.Encrypt(Text("b")))));
        }

        [Fact]
        public void Decrypt_InitiationPacketAtInitiator_Malformed()
        {
            var pair = new RatchetPair(15);
            var (beacon, _) = pair.Pair(Text("a"));
            Assert.Equal(RatchetError.Malformed, Refused(() => beacon.Decrypt(beacon.Encrypt(Text("b")))));
        }

        [Fact]
        public void Decrypt_RolledBackSenderReusesCounter_RolledBack()
        {
            var pair = new RatchetPair(16);
            var (beacon, receiver) = pair.Pair(Text("a"));
            int afterFirst = pair.BeaconStore.Saves - 1;
            Assert.Equal(Text("b"), receiver.Decrypt(beacon.Encrypt(Text("b"))));
            pair.BeaconStore.RollBackTo(afterFirst);
            var restored = RatchetSession.Load(pair.BeaconStore, pair.BeaconRandom);
            var error = Assert.Throws<RatchetException>(() => receiver.Decrypt(restored.Encrypt(Text("b, again"))));
            Assert.Equal(RatchetError.RolledBack, error.Error);
            Assert.Contains("rolled back", error.Message);
        }

        [Fact]
        public void Decrypt_SenderRolledBackAcrossDhStep_RolledBack()
        {
            var pair = new RatchetPair(17);
            var (beacon, receiver) = pair.Pair(Text("a"));
            int beforeAck = pair.BeaconStore.Saves - 1;
            beacon.Decrypt(receiver.Encrypt(Text("ack")));
            Assert.Equal(Text("b"), receiver.Decrypt(beacon.Encrypt(Text("b"))));
            pair.BeaconStore.RollBackTo(beforeAck);
            var restored = RatchetSession.Load(pair.BeaconStore, pair.BeaconRandom);
            Assert.Equal(RatchetError.RolledBack, Refused(() => receiver.Decrypt(restored.Encrypt(Text("c")))));
        }

        [Fact]
        public void Decrypt_RolledBackSenderRedoesDhStep_RolledBackThenAuthenticationFailed()
        {
            var pair = new RatchetPair(26);
            var (beacon, receiver) = pair.Pair(Text("a"));
            int beforeAck = pair.BeaconStore.Saves - 1;
            byte[] ack = receiver.Encrypt(Text("ack"));
            beacon.Decrypt(ack);
            Assert.Equal(Text("b"), receiver.Decrypt(beacon.Encrypt(Text("b"))));
            pair.BeaconStore.RollBackTo(beforeAck);
            var restored = RatchetSession.Load(pair.BeaconStore, pair.BeaconRandom);
            restored.Decrypt(ack);  // the acknowledgement is still in the inbox: a second DH step with a new key
            Assert.Equal(RatchetError.RolledBack, Refused(() => receiver.Decrypt(restored.Encrypt(Text("c")))));
            Assert.Equal(RatchetError.AuthenticationFailed, Refused(() => receiver.Decrypt(restored.Encrypt(Text("d")))));
        }

        [Fact]
        public void Load_MidConversation_ContinuesBothWays()
        {
            var pair = new RatchetPair(18);
            var (beacon, receiver) = pair.Pair(Text("a"));
            beacon.Decrypt(receiver.Encrypt(Text("ack")));
            beacon = RatchetSession.Load(pair.BeaconStore, pair.BeaconRandom);
            receiver = RatchetSession.Load(pair.ReceiverStore, pair.ReceiverRandom);
            Assert.Equal(Text("b"), receiver.Decrypt(beacon.Encrypt(Text("b"))));
            Assert.Equal(Text("ack 2"), beacon.Decrypt(receiver.Encrypt(Text("ack 2"))));
        }

        [Fact]
        public void Load_EmptyStore_NoState()
        {
            Assert.Equal(RatchetError.NoState, Refused(() => RatchetSession.Load(new MemoryStateStore(), new DeterministicRandomSource(1))));
        }

        [Fact]
        public void Load_DamagedState_RefusedWithReason()
        {
            var pair = new RatchetPair(19);
            pair.Initiate();
            byte[] good = pair.BeaconStore.Load();
            RatchetError Load(byte[] state)
            {
                var store = new MemoryStateStore();
                store.Save(state);
                return Refused(() => RatchetSession.Load(store, new DeterministicRandomSource(1)));
            }
            Assert.Equal(RatchetError.Malformed, Load(good[..^1]));
            byte[] version = (byte[])good.Clone();
            version[0] = 2;
            Assert.Equal(RatchetError.UnsupportedVersion, Load(version));
            byte[] role = (byte[])good.Clone();
            role[1] = 2;
            Assert.Equal(RatchetError.Malformed, Load(role));
            byte[] flags = (byte[])good.Clone();
            flags[2] |= 0x80;
            Assert.Equal(RatchetError.Malformed, Load(flags));
            byte[] skipped = (byte[])good.Clone();
            skipped[RatchetState.SkippedOffset] = RatchetSession.MaxSkippedKeys + 1;
            Assert.Equal(RatchetError.Malformed, Load(skipped));
            byte[] log = (byte[])good.Clone();
            log[RatchetState.LogOffset] = RatchetSession.ReplayMemory + 1;
            Assert.Equal(RatchetError.Malformed, Load(log));
        }

        [Fact]
        public void Serialize_AnyState_FixedSizeAndRoundTrips()
        {
            var pair = new RatchetPair(20);
            var (beacon, receiver) = pair.Pair(Text("a"));
            beacon.Encrypt(Text("lost"));
            receiver.Decrypt(beacon.Encrypt(Text("b")));
            Assert.Equal(1, receiver.State.Skipped.Count);
            foreach (byte[] saved in pair.BeaconStore.History)
            {
                Assert.Equal(RatchetSession.StateSize, saved.Length);
            }
            byte[] bytes = receiver.State.Serialize();
            Assert.Equal(1085, bytes.Length);
            Assert.Equal(bytes, RatchetState.Deserialize(bytes).Serialize());
        }

        [Fact]
        public void Encrypt_MessageAndChainKeysGoneFromStateAfterSend()
        {
            var pair = new RatchetPair(21);
            var (beacon, _) = pair.Pair(Text("a"));
            byte[] chain = (byte[])beacon.State.SendingChain.Clone();
            byte[] messageKey = HmacSha256.Compute(chain, new byte[] { 0x01 });
            beacon.Encrypt(Text("b"));
            byte[] stored = pair.BeaconStore.Load();
            Assert.False(Contains(stored, chain));
            Assert.False(Contains(stored, messageKey));
            Assert.Equal(HmacSha256.Compute(chain, new byte[] { 0x02 }), beacon.State.SendingChain);
        }

        [Fact]
        public void Decrypt_UsedKeysGoneFromState()
        {
            var pair = new RatchetPair(22);
            var (beacon, receiver) = pair.Pair(Text("a"));
            byte[] first = beacon.Encrypt(Text("b"));
            byte[] second = beacon.Encrypt(Text("c"));
            byte[] chain = (byte[])receiver.State.ReceivingChain.Clone();
            receiver.Decrypt(second);
            byte[] skippedKey = HmacSha256.Compute(chain, new byte[] { 0x01 });
            Assert.True(Contains(pair.ReceiverStore.Load(), skippedKey));
            Assert.False(Contains(pair.ReceiverStore.Load(), chain));
            receiver.Decrypt(first);
            Assert.Equal(-1, receiver.State.Skipped.Find(first[14..46], 1));
            Assert.False(Contains(pair.ReceiverStore.Load(), skippedKey));
            Assert.Equal(0, receiver.State.Skipped.Count);
        }

        [Fact]
        public void Encrypt_AfterFailedSave_RefusesUntilReloaded()
        {
            var pair = new RatchetPair(23, beaconStore: new CrashingStateStore(3, CrashPoint.BeforeCommit));
            var beacon = pair.Initiate();
            beacon.Encrypt(Text("a"));
            Assert.Throws<PowerCutException>(() => beacon.Encrypt(Text("b")));
            Assert.Throws<InvalidOperationException>(() => beacon.Encrypt(Text("c")));
            Assert.Throws<InvalidOperationException>(() => beacon.Decrypt(new byte[RatchetPacket.HeaderSize + RatchetPacket.TagSize]));
            beacon = RatchetSession.Load(pair.BeaconStore, pair.BeaconRandom);
            Assert.Equal(2u, beacon.LastSequenceSent + 1);
        }

        // The provisioning flow: the receiver's Session ID text and its bundle are all the beacon is given.
        [Fact]
        public void Initiate_WithIdentityKeysAndSessionIdText_PairsBothWays()
        {
            var random = new DeterministicRandomSource(25);
            byte[] seed = new byte[32];
            random.Fill(seed, 0, 32);
            var beaconIdentity = Session.Core.Micro.Identity.IdentityKeys.FromSeed(seed);
            random.Fill(seed, 0, 32);
            var receiverIdentity = Session.Core.Micro.Identity.IdentityKeys.FromSeed(seed);
            byte[] bundle = new byte[RatchetPreKey.Size];
            byte[] preKeySecret = new byte[32];
            RatchetPreKey.Create(bundle, preKeySecret, receiverIdentity, random);

            byte[] receiverKey = Session.Core.Micro.Identity.SessionId.TryParse(receiverIdentity.SessionId);
            var beacon = RatchetSession.Initiate(new MemoryStateStore(), random, beaconIdentity, receiverKey, bundle);
            byte[] senderKey = Session.Core.Micro.Identity.SessionId.TryParse(beaconIdentity.SessionId);
            var receiver = RatchetSession.Accept(new MemoryStateStore(), random, receiverIdentity, preKeySecret, senderKey,
                beacon.Encrypt(Text("help")), out byte[] opened);
            Assert.Equal(Text("help"), opened);
            Assert.Equal(Text("ack"), beacon.Decrypt(receiver.Encrypt(Text("ack"))));

            byte[] otherKey = Session.Core.Micro.Identity.SessionId.TryParse(beaconIdentity.SessionId);
            Assert.Equal(RatchetError.PreKeyRejected, Refused(() => RatchetSession.Initiate(new MemoryStateStore(), random, beaconIdentity, otherKey, bundle)));
        }

        [Fact]
        public void Arguments_Null_Throw()
        {
            var pair = new RatchetPair(24);
            var beacon = pair.Initiate();
            Assert.Throws<ArgumentNullException>(() => beacon.Encrypt(null));
            Assert.Throws<ArgumentNullException>(() => beacon.Decrypt(null));
            Assert.Throws<ArgumentNullException>(() => RatchetSession.Initiate(null, pair.BeaconRandom, pair.Beacon.SecretKey,
                pair.Beacon.PublicKey, pair.Receiver.PublicKey, pair.PreKeyBundle));
            Assert.Throws<ArgumentException>(() => RatchetSession.Initiate(pair.BeaconStore, pair.BeaconRandom, new byte[31],
                pair.Beacon.PublicKey, pair.Receiver.PublicKey, pair.PreKeyBundle));
        }
    }
}
