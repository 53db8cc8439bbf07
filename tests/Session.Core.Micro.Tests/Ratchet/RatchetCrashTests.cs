using System;
using System.Collections.Generic;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Ratchet
{
    /// <summary>
    /// A power cut at every state write of one conversation, before and after the write commits, on
    /// either side: the side reboots (loads its store) and retries. No message key may ever encrypt two
    /// packets that left, no plaintext may be returned twice, and the sides must still agree afterwards.
    /// </summary>
    public class RatchetCrashTests
    {
        private readonly ITestOutputHelper _output;

        public RatchetCrashTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static IEnumerable<object[]> Cases()
        {
            foreach (bool beaconCrashes in new[] { true, false })
            {
                foreach (CrashPoint point in new[] { CrashPoint.BeforeCommit, CrashPoint.AfterCommit })
                {
                    yield return new object[] { beaconCrashes, point };
                }
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Conversation_PowerCutAtEveryWrite_NoKeyReuseNoDesync(bool beaconCrashes, CrashPoint point)
        {
            // A run without a crash counts the writes of the side under test.
            var clean = new Conversation(new MemoryStateStore(), new MemoryStateStore());
            clean.Run();
            int writes = beaconCrashes ? clean.BeaconStore.Saves : clean.ReceiverStore.Saves;
            Assert.True(writes >= 8);
            for (int write = 1; write <= writes; write++)
            {
                var store = new CrashingStateStore(write, point);
                var run = beaconCrashes ? new Conversation(store, new MemoryStateStore()) : new Conversation(new MemoryStateStore(), store);
                run.Run();
                Assert.True(store.Crashed);
                run.CheckOutcome(lossAllowed: point == CrashPoint.AfterCommit);
            }
            _output.WriteLine((beaconCrashes ? "beacon" : "receiver") + ", " + point + ": crashed at each of " + writes + " writes");
        }

        private sealed class Conversation
        {
            private readonly RatchetPair _pair;
            private readonly List<byte[]> _beaconWire = new List<byte[]>();
            private readonly List<byte[]> _receiverWire = new List<byte[]>();
            private readonly Dictionary<string, int> _opened = new Dictionary<string, int>();
            private readonly List<string> _lost = new List<string>();
            private RatchetSession _beacon;
            private RatchetSession _receiver;

            public Conversation(MemoryStateStore beaconStore, MemoryStateStore receiverStore)
            {
                _pair = new RatchetPair(5150, beaconStore, receiverStore);
            }

            public MemoryStateStore BeaconStore => _pair.BeaconStore;

            public MemoryStateStore ReceiverStore => _pair.ReceiverStore;

            public void Run()
            {
                Guard(true, () => _beacon = _pair.Initiate());
                byte[] a1 = BeaconSends("alert 1");
                byte[] a2 = BeaconSends("alert 2");
                byte[] a3 = BeaconSends("alert 3");
                ReceiverOpens(a1);
                ReceiverOpens(a3);
                ReceiverOpens(a2);
                BeaconOpens(ReceiverSends("ack 1"));
                byte[] a4 = BeaconSends("alert 4");
                byte[] a5 = BeaconSends("alert 5");
                ReceiverOpens(a5);
                ReceiverOpens(a4);
                byte[] k2 = ReceiverSends("ack 2");
                byte[] k3 = ReceiverSends("ack 3");
                BeaconOpens(k3);
                BeaconOpens(k2);
                ReceiverOpens(BeaconSends("alert 6"));
            }

            public void CheckOutcome(bool lossAllowed)
            {
                // No key reuse: every packet that left has its own (message number, ratchet key).
                foreach (List<byte[]> wire in new[] { _beaconWire, _receiverWire })
                {
                    var keys = new HashSet<string>();
                    foreach (byte[] packet in wire)
                    {
                        Assert.True(keys.Add(Convert.ToHexString(packet[10..46])), "a message key encrypted two packets");
                    }
                }
                // Every message opened exactly once, except one whose plaintext was lost in a cut right after
                // the receiving side committed (its redelivery is then refused as a duplicate).
                foreach (string text in new[] { "alert 1", "alert 2", "alert 3", "alert 4", "alert 5", "alert 6", "ack 1", "ack 2", "ack 3" })
                {
                    int count = _opened.TryGetValue(text, out int n) ? n : 0;
                    Assert.True(count == 1 || (count == 0 && lossAllowed && _lost.Contains(text)), text + " opened " + count + " times");
                }
                Assert.True(_lost.Count <= 1);
                // No desync: round trips both ways still open, and the chains match.
                BeaconOpens(ReceiverSends("final ack"));
                ReceiverOpens(BeaconSends("final alert"));
                Assert.Equal(1, _opened["final ack"]);
                Assert.Equal(1, _opened["final alert"]);
                Assert.Equal(_beacon.State.SendingChain, _receiver.State.ReceivingChain);
            }

            private byte[] BeaconSends(string text)
            {
                byte[] packet = null;
                Guard(true, () => packet = _beacon.Encrypt(Bytes(text)));
                _beaconWire.Add(packet);
                BeaconTexts.Add(text);
                return packet;
            }

            private byte[] ReceiverSends(string text)
            {
                byte[] packet = null;
                Guard(false, () => packet = _receiver.Encrypt(Bytes(text)));
                _receiverWire.Add(packet);
                ReceiverTexts.Add(text);
                return packet;
            }

            private void ReceiverOpens(byte[] packet)
            {
                Open(false, packet);
            }

            private void BeaconOpens(byte[] packet)
            {
                Open(true, packet);
            }

            private void Open(bool beacon, byte[] packet)
            {
                byte[] plaintext = null;
                bool cut = false;
                try
                {
                    plaintext = OpenOnce(beacon, packet);
                }
                catch (PowerCutException)
                {
                    cut = true;
                    Reboot(beacon);
                }
                if (cut)
                {
                    try
                    {
                        plaintext = OpenOnce(beacon, packet);
                    }
                    catch (RatchetException e)
                    {
                        // The cut came after the commit: the key is gone and the plaintext never reached us.
                        Assert.Equal(RatchetError.Duplicate, e.Error);
                        _lost.Add(PlaintextOf(beacon ? _receiverWire : _beaconWire, packet));
                        return;
                    }
                }
                string text = System.Text.Encoding.UTF8.GetString(plaintext);
                _opened[text] = (_opened.TryGetValue(text, out int n) ? n : 0) + 1;
            }

            private byte[] OpenOnce(bool beacon, byte[] packet)
            {
                if (beacon)
                {
                    return _beacon.Decrypt(packet);
                }
                if (_receiver == null)
                {
                    var session = _pair.Accept(packet, out byte[] first);
                    _receiver = session;
                    return first;
                }
                return _receiver.Decrypt(packet);
            }

            // Runs an operation; on a power cut the side reboots from its store and runs it once more.
            private void Guard(bool beacon, Action operation)
            {
                try
                {
                    operation();
                }
                catch (PowerCutException)
                {
                    Reboot(beacon);
                    operation();
                }
            }

            private void Reboot(bool beacon)
            {
                MemoryStateStore store = beacon ? _pair.BeaconStore : _pair.ReceiverStore;
                RatchetSession loaded = store.Load() == null ? null
                    : RatchetSession.Load(store, beacon ? _pair.BeaconRandom : _pair.ReceiverRandom);
                if (beacon)
                {
                    _beacon = loaded ?? _pair.Initiate();
                }
                else
                {
                    _receiver = loaded;
                }
            }

            private string PlaintextOf(List<byte[]> wire, byte[] packet)
            {
                int index = wire.IndexOf(packet);
                Assert.True(index >= 0);
                return wire == _beaconWire ? BeaconTexts[index] : ReceiverTexts[index];
            }

            private List<string> BeaconTexts { get; } = new List<string>();

            private List<string> ReceiverTexts { get; } = new List<string>();

            private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
        }
    }
}
