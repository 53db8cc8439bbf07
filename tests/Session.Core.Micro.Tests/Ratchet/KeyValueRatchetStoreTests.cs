using System;
using System.Collections.Generic;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Ratchet
{
    public class KeyValueRatchetStoreTests
    {
        /// <summary>How a torn Put leaves the value: flash overwritten in place, or a file cut short.</summary>
        public enum TearKind
        {
            /// <summary>The first bytes are new, the rest are what the key held before (zeros where it held nothing).</summary>
            InPlace,

            /// <summary>Only the first bytes were written: the value is cut short.</summary>
            Truncated,
        }

        /// <summary>A key-value store whose Put can be torn after a given number of bytes (a simulated power cut).</summary>
        private sealed class TearingStore : IKeyValueStore
        {
            public Dictionary<string, byte[]> Values { get; } = new Dictionary<string, byte[]>();

            /// <summary>When set, the next Put writes this many bytes of the value and then throws.</summary>
            public int? TearAfter { get; set; }

            public TearKind Kind { get; set; }

            public int Puts { get; private set; }

            public byte[] Get(string key) => Values.TryGetValue(key, out byte[] v) ? (byte[])v.Clone() : null;

            public void Put(string key, byte[] value)
            {
                Puts++;
                if (TearAfter is int n)
                {
                    TearAfter = null;
                    byte[] torn;
                    if (Kind == TearKind.Truncated)
                    {
                        torn = value.AsSpan(0, n).ToArray();
                    }
                    else
                    {
                        torn = new byte[value.Length];
                        if (Values.TryGetValue(key, out byte[] old))
                        {
                            Array.Copy(old, torn, Math.Min(old.Length, torn.Length));
                        }
                        Array.Copy(value, torn, n);
                    }
                    Values[key] = torn;
                    throw new System.IO.IOException("power cut after " + n + " bytes");
                }
                Values[key] = (byte[])value.Clone();
            }

            public void Remove(string key) => Values.Remove(key);
        }

        private static byte[] State(byte fill, int size = RatchetSession.StateSize)
        {
            var state = new byte[size];
            for (int i = 0; i < state.Length; i++)
            {
                state[i] = (byte)(fill + i * 7);
            }
            return state;
        }

        [Fact]
        public void SaveLoad_Alternates_LatestWins()
        {
            var kv = new TearingStore();
            var store = new KeyValueRatchetStore(kv, "ratchet.alice");
            Assert.Null(store.Load());
            store.Save(State(1));
            Assert.Equal(State(1), store.Load());
            Assert.True(kv.Values.ContainsKey("ratchet.alice.1"));
            Assert.False(kv.Values.ContainsKey("ratchet.alice.0"));
            store.Save(State(2));
            store.Save(State(3));
            Assert.Equal(State(3), store.Load());
            Assert.Equal(RatchetSession.StateSize + KeyValueRatchetStore.SlotOverhead, kv.Values["ratchet.alice.0"].Length);
            // A fresh adapter over the same store (a reboot) finds the same latest state and keeps alternating.
            var rebooted = new KeyValueRatchetStore(kv, "ratchet.alice");
            Assert.Equal(State(3), rebooted.Load());
            rebooted.Save(State(4));
            Assert.Equal(State(4), new KeyValueRatchetStore(kv, "ratchet.alice").Load());
            rebooted.Clear();
            Assert.Null(rebooted.Load());
            Assert.Empty(kv.Values);
        }

        [Theory]
        [InlineData(TearKind.InPlace)]
        [InlineData(TearKind.Truncated)]
        public void Save_TornAtEveryByte_LoadsOldOrNewNeverBroken(TearKind kind)
        {
            int slotSize = RatchetSession.StateSize + KeyValueRatchetStore.SlotOverhead;
            int oldSeen = 0;
            int newSeen = 0;
            // Tear the first save ever (nothing before), and a later save over an older slot.
            foreach (int savesBefore in new[] { 0, 1, 2 })
            {
                for (int cut = 0; cut < slotSize; cut++)
                {
                    var kv = new TearingStore { Kind = kind };
                    var store = new KeyValueRatchetStore(kv, "r");
                    for (int i = 0; i < savesBefore; i++)
                    {
                        store.Save(State((byte)(10 + i)));
                    }
                    byte[] old = savesBefore == 0 ? null : State((byte)(10 + savesBefore - 1));
                    byte[] fresh = State(99);
                    kv.TearAfter = cut;
                    Assert.Throws<System.IO.IOException>(() => store.Save(fresh));

                    byte[] loaded = new KeyValueRatchetStore(kv, "r").Load();
                    if (loaded != null && loaded.AsSpan().SequenceEqual(fresh))
                    {
                        newSeen++;
                    }
                    else
                    {
                        Assert.Equal(old, loaded);
                        oldSeen++;
                    }

                    // The same adapter, after the failed Put, goes on correctly: the next save lands and wins.
                    store.Save(State(55));
                    Assert.Equal(State(55), new KeyValueRatchetStore(kv, "r").Load());
                    Assert.Equal(State(55), store.Load());
                    // And the state before it survives a tear of the save after that.
                    kv.TearAfter = cut / 2;
                    Assert.Throws<System.IO.IOException>(() => store.Save(State(66)));
                    byte[] after = store.Load();
                    Assert.True(after.AsSpan().SequenceEqual(State(55)) || after.AsSpan().SequenceEqual(State(66)));
                }
            }
            // Every cut before the last byte loses the new state; old state always survives.
            Assert.Equal(3 * slotSize, oldSeen + newSeen);
            Assert.True(oldSeen >= 3 * (slotSize - 1));
        }

        [Fact]
        public void Load_BothSlotsDamaged_ClearError()
        {
            var kv = new TearingStore();
            var store = new KeyValueRatchetStore(kv, "r");
            store.Save(State(1));
            store.Save(State(2));
            // The first save went to slot 1, the second to slot 0.
            kv.Values["r.1"][5] ^= 1;
            Assert.Equal(State(2), new KeyValueRatchetStore(kv, "r").Load());
            kv.Values["r.0"][40] ^= 1;
            var error = Assert.Throws<RatchetException>(() => new KeyValueRatchetStore(kv, "r").Load());
            Assert.Equal(RatchetError.Malformed, error.Error);
            Assert.Contains("both slots", error.Message);
        }

        [Fact]
        public void Load_SlotOfAnotherFormatOrTooShort_NotValid()
        {
            var kv = new TearingStore();
            var store = new KeyValueRatchetStore(kv, "r");
            store.Save(State(1));
            store.Save(State(2));
            kv.Values["r.0"][0] = 2;
            Assert.Equal(State(1), new KeyValueRatchetStore(kv, "r").Load());
            kv.Values["r.0"] = new byte[KeyValueRatchetStore.SlotOverhead];
            Assert.Equal(State(1), new KeyValueRatchetStore(kv, "r").Load());
            kv.Values["r.0"] = new byte[0];
            Assert.Equal(State(1), new KeyValueRatchetStore(kv, "r").Load());
        }

        [Fact]
        public void RatchetConversation_OverTearingStore_SurvivesReload()
        {
            var pair = new RatchetPair(200);
            var kv = new TearingStore();
            var beaconStore = new KeyValueRatchetStore(kv, "beacon");
            var beacon = RatchetSession.Initiate(beaconStore, pair.BeaconRandom, pair.Beacon.SecretKey, pair.Beacon.PublicKey,
                pair.Receiver.PublicKey, pair.PreKeyBundle);
            var receiver = pair.Accept(beacon.Encrypt(new byte[] { 1 }), out _);
            kv.TearAfter = 300;
            Assert.Throws<System.IO.IOException>(() => beacon.Encrypt(new byte[] { 2 }));
            // The torn save left the state from before it: the reloaded beacon re-encrypts under the same key, which never left.
            var reloaded = RatchetSession.Load(beaconStore, pair.BeaconRandom);
            byte[] again = reloaded.Encrypt(new byte[] { 2 });
            Assert.Equal(new byte[] { 2 }, receiver.Decrypt(again));
        }

        [Fact]
        public void Constructor_BadArguments_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => new KeyValueRatchetStore(null, "r"));
            Assert.Throws<ArgumentNullException>(() => new KeyValueRatchetStore(new MemoryStore(), null));
            Assert.Throws<ArgumentException>(() => new KeyValueRatchetStore(new MemoryStore(), ""));
            Assert.Throws<ArgumentNullException>(() => new KeyValueRatchetStore(new MemoryStore(), "r").Save(null));
        }
    }
}
