using System;
using System.Collections.Generic;
using System.Threading;
using CsCheck;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Ratchet
{
    /// <summary>
    /// Random schedules of sends, deliveries, reorders, duplicates, losses, replies and reboots between a
    /// beacon and a receiver (CsCheck; a failure prints the seed, replay it with CsCheck_Seed=...).
    /// </summary>
    public class RatchetPropertyTests
    {
        private static readonly int Iterations = Environment.GetEnvironmentVariable("SESSIONBEACON_LONG_RUN") == "1" ? 3000 : 150;

        private readonly ITestOutputHelper _output;

        public RatchetPropertyTests(ITestOutputHelper output)
        {
            _output = output;
        }

        // What the schedules exercised, summed over a run; each kind must occur, or the generator is too tame.
        private sealed class Tally
        {
            public int Opened;
            public int Reordered;
            public int RefusedTooOld;
            public int Duplicates;
            public int Reboots;
            public int DhSteps;
        }

        private void Report(string name, Tally tally, bool lossy)
        {
            _output.WriteLine(name + ": opened " + tally.Opened + ", out of order " + tally.Reordered + ", refused as too old " + tally.RefusedTooOld
                + ", duplicates refused " + tally.Duplicates + ", reboots " + tally.Reboots + ", DH ratchet steps " + tally.DhSteps);
            Assert.True(tally.Reordered > 0 && tally.Duplicates > 0 && tally.Reboots > 0 && tally.DhSteps > 0);
            Assert.Equal(lossy, tally.RefusedTooOld > 0);
        }

        private static Gen<(long Seed, int[] Ops)> Schedules => Gen.Select(Gen.Long, Gen.Int[0, 699].Array[1, 70]);

        // Reorders within the bounds (at most 4 packets in flight per direction, none waiting past 6
        // later deliveries, no losses): every packet opens exactly once, and both sides agree at the end.
        [Fact]
        public void Schedule_WithinBounds_EveryPacketOpensExactlyOnce()
        {
            var tally = new Tally();
            Schedules.Sample((seed, ops) => new Simulation(seed, lossy: false, tally).Run(ops), iter: Iterations, writeLine: _output.WriteLine);
            Report("within bounds", tally, lossy: false);
        }

        // Losses and reorders of any depth: a packet opens at most once and to its own plaintext, every
        // refusal of a first delivery says the packet is too old, duplicates are refused, and the two sides
        // still agree afterwards.
        [Fact]
        public void Schedule_LossesAndDeepReorders_AtMostOnceAndSidesStillAgree()
        {
            var tally = new Tally();
            Schedules.Sample((seed, ops) => new Simulation(seed, lossy: true, tally).Run(ops), iter: Iterations, writeLine: _output.WriteLine);
            Report("lossy", tally, lossy: true);
        }

        private sealed class Packet
        {
            public byte[] Bytes;
            public byte[] Plaintext;
            public int SentAtDelivery;
            public int PeerOpenedAtSend;
            public bool Delivered;
            public bool Opened;
            public bool Refused;
        }

        private sealed class Side
        {
            public RatchetSession Session;
            public MemoryStateStore Store;
            public IRandomSourceHolder Random;
            public readonly List<Packet> Sent = new List<Packet>();
            public readonly List<Packet> InFlight = new List<Packet>();
            public readonly List<Packet> Delivered = new List<Packet>();
            public readonly List<Packet> OpenedOrder = new List<Packet>();  // packets this side opened
            public int Deliveries;                                          // deliveries to the peer
        }

        private sealed class IRandomSourceHolder
        {
            public DeterministicRandomSource Source;
        }

        private sealed class Simulation
        {
            private const int InFlightLimit = 4;
            private const int MaxWait = 6;
            private readonly bool _lossy;
            private readonly Side _a = new Side();
            private readonly Side _b = new Side();
            private readonly Tally _tally;
            private int _counter;

            public Simulation(long seed, bool lossy, Tally tally)
            {
                _lossy = lossy;
                _tally = tally;
                var pair = new RatchetPair(seed);
                _a.Store = pair.BeaconStore;
                _b.Store = pair.ReceiverStore;
                _a.Random = new IRandomSourceHolder { Source = pair.BeaconRandom };
                _b.Random = new IRandomSourceHolder { Source = pair.ReceiverRandom };
                _a.Session = pair.Initiate();
                var first = NewPacket(_a);
                _b.Session = pair.Accept(first.Bytes, out byte[] opened);
                Assert.Equal(first.Plaintext, opened);
                first.Delivered = first.Opened = true;
                _a.Delivered.Add(first);
                _b.OpenedOrder.Add(first);
            }

            public void Run(int[] ops)
            {
                foreach (int op in ops)
                {
                    int kind = op % 7;
                    int param = op / 7;
                    Side from = param % 2 == 0 ? _a : _b;
                    Side to = from == _a ? _b : _a;
                    switch (kind)
                    {
                        case 0:
                        case 1:
                            // Lossy schedules send in bursts of up to 12, so reorders can run past the bound.
                            int burst = _lossy ? 1 + (param / 2) % 12 : 1;
                            for (int i = 0; i < burst && (_lossy || from.InFlight.Count < InFlightLimit); i++)
                            {
                                from.InFlight.Add(NewPacket(from));
                            }
                            break;
                        case 2:
                        case 3:
                            Deliver(from, to, param / 2);
                            break;
                        case 4:
                            if (from.Delivered.Count > 0)
                            {
                                Redeliver(from, to, from.Delivered[(param / 2) % from.Delivered.Count]);
                            }
                            break;
                        case 5:
                            if (_lossy && from.InFlight.Count > 0)
                            {
                                from.InFlight.RemoveAt((param / 2) % from.InFlight.Count);
                            }
                            else
                            {
                                Deliver(from, to, 0);
                            }
                            break;
                        case 6:
                            Side rebooted = from;
                            rebooted.Session = RatchetSession.Load(rebooted.Store, rebooted.Random.Source);
                            Interlocked.Increment(ref _tally.Reboots);
                            break;
                    }
                }
                Finish();
            }

            private Packet NewPacket(Side from)
            {
                byte[] plaintext = BitConverter.GetBytes(++_counter);
                var packet = new Packet
                {
                    Plaintext = plaintext,
                    Bytes = from.Session.Encrypt(plaintext),
                    SentAtDelivery = from.Deliveries,
                    PeerOpenedAtSend = (from == _a ? _b : _a).OpenedOrder.Count,
                };
                from.Sent.Add(packet);
                return packet;
            }

            private void Deliver(Side from, Side to, int choice)
            {
                if (from.InFlight.Count == 0)
                {
                    return;
                }
                int index = choice % from.InFlight.Count;
                if (!_lossy)
                {
                    // Keep every reorder within the bounds: a packet passed by too many others goes next.
                    index = index % InFlightLimit;
                    for (int i = 0; i < from.InFlight.Count; i++)
                    {
                        if (from.Deliveries - from.InFlight[i].SentAtDelivery >= MaxWait)
                        {
                            index = i;
                            break;
                        }
                    }
                }
                Packet packet = from.InFlight[index];
                from.InFlight.RemoveAt(index);
                from.Deliveries++;
                packet.Delivered = true;
                from.Delivered.Add(packet);
                bool outOfOrder = from.Sent.IndexOf(packet) < from.Sent.FindLastIndex(p => p.Delivered && p != packet);
                byte[] ratchetKeyBefore = (byte[])to.Session.State.SendingPublic.Clone();
                try
                {
                    byte[] opened = to.Session.Decrypt(packet.Bytes);
                    Interlocked.Increment(ref _tally.Opened);
                    if (outOfOrder)
                    {
                        Interlocked.Increment(ref _tally.Reordered);
                    }
                    if (!ratchetKeyBefore.AsSpan().SequenceEqual(to.Session.State.SendingPublic))
                    {
                        Interlocked.Increment(ref _tally.DhSteps);
                    }
                    Assert.False(packet.Opened, "a packet opened twice");
                    Assert.Equal(packet.Plaintext, opened);
                    packet.Opened = true;
                    to.OpenedOrder.Add(packet);
                }
                catch (RatchetException e)
                {
                    Assert.True(_lossy, "refused within the bounds: " + e.Message);
                    Assert.Equal(RatchetError.TooOld, e.Error);
                    // Justified only if its key could have been dropped: at least MaxSkippedKeys later packets
                    // of its sender, or at least SkippedKeyLifetime messages opened by the receiver since.
                    int laterSent = from.Sent.Count - 1 - from.Sent.IndexOf(packet);
                    int openedSince = to.OpenedOrder.Count - packet.PeerOpenedAtSend;
                    Assert.True(laterSent >= RatchetSession.MaxSkippedKeys || openedSince >= RatchetSession.SkippedKeyLifetime,
                        "refused as too old after only " + laterSent + " later packets and " + openedSince + " opened");
                    packet.Refused = true;
                    Interlocked.Increment(ref _tally.RefusedTooOld);
                }
                CheckKeysGone(from, to);
            }

            private void Redeliver(Side from, Side to, Packet packet)
            {
                byte[] before = to.Store.Load();
                var e = Assert.Throws<RatchetException>(() => to.Session.Decrypt(packet.Bytes));
                int age = to.OpenedOrder.Count - 1 - to.OpenedOrder.LastIndexOf(packet);
                if (packet.Opened && age < RatchetSession.ReplayMemory)
                {
                    Assert.Equal(RatchetError.Duplicate, e.Error);
                }
                else
                {
                    Assert.True(e.Error == RatchetError.Duplicate || e.Error == RatchetError.TooOld, e.Message);
                }
                Assert.Equal(before, to.Store.Load());
                Interlocked.Increment(ref _tally.Duplicates);
            }

            // No key of an opened packet is left in the receiver's skipped keys, in memory or stored.
            private static void CheckKeysGone(Side from, Side to)
            {
                foreach (Packet packet in to.OpenedOrder)
                {
                    if (from.Sent.Contains(packet))
                    {
                        byte[] ratchetKey = packet.Bytes[14..46];
                        uint number = (uint)(packet.Bytes[10] << 24 | packet.Bytes[11] << 16 | packet.Bytes[12] << 8 | packet.Bytes[13]);
                        Assert.Equal(-1, to.Session.State.Skipped.Find(ratchetKey, number));
                    }
                }
                var stored = RatchetState.Deserialize(to.Store.Load());
                Assert.Equal(to.Session.State.Serialize(), stored.Serialize());
            }

            private void Finish()
            {
                if (_lossy)
                {
                    _a.InFlight.Clear();
                    _b.InFlight.Clear();
                }
                else
                {
                    while (_a.InFlight.Count > 0 || _b.InFlight.Count > 0)
                    {
                        Deliver(_a, _b, 0);
                        Deliver(_b, _a, 0);
                    }
                    foreach (Side side in new[] { _a, _b })
                    {
                        foreach (Packet packet in side.Sent)
                        {
                            Assert.True(packet.Opened, "a packet sent within the bounds never opened");
                        }
                    }
                }
                // The two sides agree: a round trip each way opens, and afterwards the beacon's sending chain
                // is the receiver's receiving chain.
                foreach (var (from, to) in new[] { (_a, _b), (_b, _a), (_a, _b) })
                {
                    from.InFlight.Add(NewPacket(from));
                    Deliver(from, to, 0);
                    Assert.True(from.Sent[^1].Opened);
                }
                Assert.Equal(_a.Session.State.SendingPublic, _b.Session.State.ReceivingKey);
                Assert.Equal(_a.Session.State.SendingChain, _b.Session.State.ReceivingChain);
                Assert.Equal(_a.Session.State.SendingCount, _b.Session.State.ReceivingCount);
                // No message key was ever used for two packets: (ratchet key, N) is unique per sender.
                foreach (Side side in new[] { _a, _b })
                {
                    var seen = new HashSet<string>();
                    foreach (Packet packet in side.Sent)
                    {
                        Assert.True(seen.Add(Convert.ToHexString(packet.Bytes[10..46])), "a message key was used twice");
                    }
                }
            }
        }
    }
}
