using System;
using System.Linq;
using SessionBeacon.Storage;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.Storage
{
    public class FileKeyValueStoreTests
    {
        private static readonly byte[] Old = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        private static readonly byte[] New = Enumerable.Range(0, 57).Select(i => (byte)(200 - i)).ToArray();

        [Fact]
        public void PutGetRemove_RoundTrip()
        {
            var store = new FileKeyValueStore(new MemoryDrive(), "I:\\kv-");
            Assert.Null(store.Get("outbox.0.a"));
            store.Put("outbox.0.a", Old);
            Assert.Equal(Old, store.Get("outbox.0.a"));
            store.Put("outbox.0.a", New);
            Assert.Equal(New, store.Get("outbox.0.a"));
            store.Put("empty", new byte[0]);
            Assert.Equal(new byte[0], store.Get("empty"));
            store.Remove("outbox.0.a");
            Assert.Null(store.Get("outbox.0.a"));
            store.Remove("never-there");
        }

        [Fact]
        public void Keys_BecomeSafeDistinctFileNames()
        {
            var drive = new MemoryDrive();
            var store = new FileKeyValueStore(drive, "I:\\kv-");
            store.Put("cursor/05ab:Node 1", Old);
            store.Put("cursor_05ab_Node_1", New);
            Assert.Equal(Old, store.Get("cursor/05ab:Node 1"));
            Assert.Equal(New, store.Get("cursor_05ab_Node_1"));
            Assert.Contains("I:\\kv-cursor%002f05ab%003aNode%00201", drive.Files.Keys);
            Assert.All(drive.Files.Keys, name => Assert.DoesNotContain(' ', name.Substring(3)));
        }

        public static TheoryData<bool> HadOldValue => new TheoryData<bool> { true, false };

        [Theory]
        [MemberData(nameof(HadOldValue))]
        public void Put_PowerCutAtEveryOperation_LeavesOldOrNew(bool hadOld)
        {
            int operations = CountOperations(drive => new FileKeyValueStore(drive, "kv-").Put("k", New), hadOld);
            Assert.True(operations > New.Length / MemoryDrive.ChunkSize, "the put made only " + operations + " operations");
            bool sawOld = false;
            bool sawNew = false;
            for (int cut = 1; cut <= operations; cut++)
            {
                MemoryDrive drive = Prepared(hadOld);
                drive.CutAt = drive.Operations + cut;
                Assert.Throws<PowerCutException>(() => new FileKeyValueStore(drive, "kv-").Put("k", New));
                drive.CutAt = int.MaxValue;

                byte[] after = new FileKeyValueStore(drive, "kv-").Get("k");
                bool isOld = hadOld ? after != null && after.SequenceEqual(Old) : after == null;
                bool isNew = after != null && after.SequenceEqual(New);
                Assert.True(isOld || isNew, "cut at operation " + cut + " left " + (after == null ? "nothing" : after.Length + " other bytes"));
                sawOld |= isOld;
                sawNew |= isNew;
                // And the store keeps working: the next write lands whole.
                var store = new FileKeyValueStore(drive, "kv-");
                store.Put("k", Old);
                Assert.Equal(Old, store.Get("k"));
            }
            Assert.True(sawOld && sawNew, "the cuts never hit both sides of the switch");
        }

        [Fact]
        public void Remove_PowerCutAtEveryOperation_LeavesValueOrNothing()
        {
            int operations = CountOperations(drive => new FileKeyValueStore(drive, "kv-").Remove("k"), true);
            for (int cut = 1; cut <= operations; cut++)
            {
                MemoryDrive drive = Prepared(true);
                drive.CutAt = drive.Operations + cut;
                Assert.Throws<PowerCutException>(() => new FileKeyValueStore(drive, "kv-").Remove("k"));
                drive.CutAt = int.MaxValue;
                byte[] after = new FileKeyValueStore(drive, "kv-").Get("k");
                Assert.True(after == null || after.SequenceEqual(Old), "cut at operation " + cut);
            }
        }

        [Fact]
        public void Get_CutBetweenDeleteAndRename_RecoversNewValue()
        {
            MemoryDrive drive = Prepared(true);
            drive.Files.Remove("kv-k");
            drive.Files["kv-k.new"] = WholeFileFor(New);
            Assert.Equal(New, new FileKeyValueStore(drive, "kv-").Get("k"));
            Assert.False(drive.Exists("kv-k.new"));
        }

        [Fact]
        public void BadArguments_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => new FileKeyValueStore(null, "kv-"));
            Assert.Throws<ArgumentNullException>(() => new FileKeyValueStore(new MemoryDrive(), null));
            var store = new FileKeyValueStore(new MemoryDrive(), "kv-");
            Assert.Throws<ArgumentNullException>(() => store.Put("k", null));
            Assert.Throws<ArgumentNullException>(() => store.Get(null));
        }

        private static byte[] WholeFileFor(byte[] value)
        {
            var drive = new MemoryDrive();
            new FileKeyValueStore(drive, "kv-").Put("x", value);
            return drive.Files["kv-x"];
        }

        private static MemoryDrive Prepared(bool hadOld)
        {
            var drive = new MemoryDrive();
            if (hadOld)
            {
                new FileKeyValueStore(drive, "kv-").Put("k", Old);
            }
            return drive;
        }

        private static int CountOperations(Action<MemoryDrive> action, bool hadOld)
        {
            MemoryDrive drive = Prepared(hadOld);
            int before = drive.Operations;
            action(drive);
            return drive.Operations - before;
        }
    }
}
