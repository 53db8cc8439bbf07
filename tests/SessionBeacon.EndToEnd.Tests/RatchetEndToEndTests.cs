using System;
using System.Diagnostics;
using System.IO;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using SessionBeacon.EndToEnd.Tests.Support;
using SessionBeacon.Harness.Storage;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.EndToEnd.Tests
{
    /// <summary>
    /// The alert ratchet on the testnet: a ratcheted alert stored through 3 hops, retrieved and opened
    /// by the receiver, its acknowledgement stored back and opened by the beacon ("help was reached"), twice,
    /// with the DH ratchet step between. Both sides keep their ratchet state in KeyValueRatchetStore over
    /// a DirectoryStore and load it again from disk before every step, as after a reboot.
    /// </summary>
    [Collection("testnet")]
    public class RatchetEndToEndTests
    {
        private const string StateName = "ratchet.peer";

        private readonly TestnetFixture _net;
        private readonly ITestOutputHelper _output;

        public RatchetEndToEndTests(TestnetFixture net, ITestOutputHelper output)
        {
            _net = net;
            _output = output;
        }

        [Fact]
        public void AlertAcknowledgedTwice_ThroughOnionRequests_HelpReachedAndDhRatchetAdvances()
        {
            var clock = Stopwatch.StartNew();
            IdentityKeys beaconKeys = BeaconClient.NewIdentity();
            IdentityKeys receiverKeys = BeaconClient.NewIdentity();
            // Not a test of timeouts: each of its stores is made once, and must not depend on a loaded machine answering
            // within the short timeout.
            var beacon = new BeaconClient(_net.Network, _net.NewClientFolder(), beaconKeys).UsePatientTimeouts();
            var receiver = new BeaconClient(_net.Network, _net.NewClientFolder(), receiverKeys).UsePatientTimeouts();
            string beaconState = _net.NewClientFolder();
            string receiverState = _net.NewClientFolder();
            try
            {
                // Provisioning: the receiver publishes a pre-key bundle; the beacon checks it and pairs.
                var bundle = new byte[RatchetPreKey.Size];
                var preKeySecret = new byte[X25519.ScalarSize];
                RatchetPreKey.Create(bundle, preKeySecret, receiverKeys, receiver.Random);
                RatchetSession.Initiate(StoreIn(beaconState), beacon.Random, beaconKeys, receiverKeys.X25519PublicKey, bundle);

                // Alert 1 carries the initiation; the receiver pairs with it.
                (StoreReceipt alert1Receipt, uint seq1) = SendAlert(beacon, beaconState, receiverKeys, "PANIC: help (1)");
                Assert.Equal(1u, seq1);
                IncomingMessage in1 = Retrieve(receiver, alert1Receipt);
                Assert.Equal(beaconKeys.SessionId, in1.SenderSessionId);
                Assert.True(RatchetCarriage.IsRatchetMessage(in1));
                byte[] packet1 = RatchetCarriage.ReadPacket(in1);
                Assert.True(RatchetPacket.IsInitiation(packet1));
                Assert.DoesNotContain("PANIC", in1.Body, StringComparison.Ordinal);
                RatchetLink accepted = RatchetLink.Accept(StoreIn(receiverState), receiver.Random, receiverKeys, preKeySecret,
                    beaconKeys.X25519PublicKey, in1, out RatchetContent opened1);
                CryptoBytes.Wipe(preKeySecret);
                Assert.Equal(RatchetContentKind.Alert, opened1.Kind);
                Assert.Equal("PANIC: help (1)", opened1.Text);
                Assert.Equal(seq1, opened1.Sequence);
                Assert.Equal(beaconKeys.SessionId, accepted.PeerSessionId);

                // Acknowledgement 1 back to the beacon, which learns help was reached.
                StoreReceipt ack1Receipt = SendAcknowledgement(receiver, receiverState, beaconKeys, opened1.Sequence);
                IncomingMessage ackIn1 = Retrieve(beacon, ack1Receipt);
                byte[] receiverKey1 = RatchetKey(RatchetCarriage.ReadPacket(ackIn1));
                RatchetLink beaconLink = Load(beacon, beaconState);
                Assert.True(beaconLink.Session.AwaitingReply);
                RatchetContent reached1 = beaconLink.Open(ackIn1);
                Assert.Equal(RatchetContentKind.Acknowledgement, reached1.Kind);
                Assert.True(reached1.Acknowledges(seq1), "help was reached for alert " + seq1);
                Assert.False(Load(beacon, beaconState).Session.AwaitingReply);

                // Alert 2: the beacon's DH ratchet stepped when it opened the acknowledgement.
                (StoreReceipt alert2Receipt, uint seq2) = SendAlert(beacon, beaconState, receiverKeys, "PANIC: help (2)");
                Assert.Equal(2u, seq2);
                IncomingMessage in2 = Retrieve(receiver, alert2Receipt);
                byte[] packet2 = RatchetCarriage.ReadPacket(in2);
                Assert.False(RatchetPacket.IsInitiation(packet2));
                Assert.NotEqual(RatchetKey(packet1), RatchetKey(packet2));
                RatchetContent opened2 = Load(receiver, receiverState).Open(in2);
                Assert.Equal(RatchetContentKind.Alert, opened2.Kind);
                Assert.Equal("PANIC: help (2)", opened2.Text);
                Assert.Equal(seq2, opened2.Sequence);

                // Acknowledgement 2: the receiver stepped too; the beacon sees help reached for alert 2 only.
                StoreReceipt ack2Receipt = SendAcknowledgement(receiver, receiverState, beaconKeys, opened2.Sequence);
                IncomingMessage ackIn2 = Retrieve(beacon, ack2Receipt);
                Assert.NotEqual(receiverKey1, RatchetKey(RatchetCarriage.ReadPacket(ackIn2)));
                RatchetContent reached2 = Load(beacon, beaconState).Open(ackIn2);
                Assert.Equal(RatchetContentKind.Acknowledgement, reached2.Kind);
                Assert.True(reached2.Acknowledges(seq2), "help was reached for alert " + seq2);
                Assert.False(reached2.Acknowledges(seq1));

                // The same acknowledgement opened a second time (a swarm serving it again) is a replay: refused.
                Assert.Equal(RatchetError.Duplicate,
                    Assert.Throws<RatchetException>(() => Load(beacon, beaconState).Open(ackIn2)).Error);
                _output.WriteLine("two alerts and two acknowledgements in " + clock.ElapsedMilliseconds + " ms");
            }
            catch
            {
                foreach (string line in beacon.Transport.Lines)
                {
                    _output.WriteLine("beacon   " + line);
                }
                foreach (string line in receiver.Transport.Lines)
                {
                    _output.WriteLine("receiver " + line);
                }
                throw;
            }
        }

        /// <summary>A ratchet state store in <paramref name="folder"/>, opened afresh (nothing kept in memory).</summary>
        private static KeyValueRatchetStore StoreIn(string folder) => new KeyValueRatchetStore(new DirectoryStore(folder), StateName);

        private static RatchetLink Load(BeaconClient side, string folder) =>
            new RatchetLink(side.Keys, RatchetSession.Load(StoreIn(folder), side.Random), side.Random);

        private (StoreReceipt Receipt, uint Sequence) SendAlert(BeaconClient beacon, string folder, IdentityKeys receiver, string text)
        {
            byte[] payload = Load(beacon, folder).EncodeAlert(text, "Beacon", beacon.NetworkClock.Now, out uint sequence);
            return (Stored(beacon, receiver, payload), sequence);
        }

        private StoreReceipt SendAcknowledgement(BeaconClient receiver, string folder, IdentityKeys beacon, uint sequence)
        {
            byte[] payload = Load(receiver, folder).EncodeAcknowledgement(new[] { sequence }, "Receiver", receiver.NetworkClock.Now);
            return Stored(receiver, beacon, payload);
        }

        private StoreReceipt Stored(BeaconClient from, IdentityKeys to, byte[] payload)
        {
            StoreReceipt receipt = from.Client.Store(to.SessionId, payload, ServiceNodeClient.DefaultTtl, 1);
            Checks.Verified(_net, new Sent(null, 0, payload, receipt), to, 1);
            return receipt;
        }

        /// <summary>The message with the receipt's hash from the reader's inbox, retrieved through onion requests and opened by the v1 layer.</summary>
        private static IncomingMessage Retrieve(BeaconClient reader, StoreReceipt receipt)
        {
            RetrieveResult result = reader.Poll();
            for (int i = 0; i < result.Count; i++)
            {
                if (result.Message(i).Hash == receipt.Hash)
                {
                    IncomingMessage opened = new MessageReceiver(reader.Keys).OpenStoreData(MessageEncoder.ToStoreData(result.Message(i).Data));
                    Assert.Equal(IncomingMessageKind.DataMessage, opened.Kind);
                    return opened;
                }
            }
            throw new Xunit.Sdk.XunitException("the stored message was not among the " + result.Count + " retrieved");
        }

        // The sender's current ratchet public key: packet header bytes 14 to 45 (docs/ratchet.md, "Packet").
        private static byte[] RatchetKey(byte[] packet) => packet.AsSpan(14, X25519.KeySize).ToArray();
    }
}
