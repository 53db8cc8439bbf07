using System;
using SessionBeacon.Location;
using SessionBeacon.Storage;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.Location
{
    public class LastFixStoreTests
    {
        private static readonly GpsFix First = new GpsFix(525200066, 134049540, 160, 9, 1, 1795784580000);
        private static readonly GpsFix Second = new GpsFix(-338688000, -704000, -1, -1, 2, 1795785180000);

        [Fact]
        public void Offer_ThenRestart_SameFixBack()
        {
            var store = new MemoryStore();
            Assert.True(new LastFixStore(store).Offer(Second, 0));
            var restarted = new LastFixStore(store);
            AssertSame(Second, restarted.Fix);
            Assert.False(restarted.WasDamaged);
        }

        [Fact]
        public void Offer_OnRealFiles_SurvivesARestart()
        {
            var drive = new MemoryDrive();
            new LastFixStore(new FileKeyValueStore(drive, "I:\\kv-")).Offer(First, 0);
            Assert.True(drive.Files.ContainsKey("I:\\kv-location.last"));
            AssertSame(First, new LastFixStore(new FileKeyValueStore(drive, "I:\\kv-")).Fix);
        }

        [Fact]
        public void New_NothingOnFlash_NoFixAndNotDamaged()
        {
            var last = new LastFixStore(new MemoryStore());
            Assert.Null(last.Fix);
            Assert.False(last.WasDamaged);
        }

        [Fact]
        public void Offer_WithinTheInterval_KeptInMemoryNotWritten()
        {
            var store = new MemoryStore();
            var last = new LastFixStore(store);
            Assert.True(last.Offer(First, 1000));
            Assert.False(last.Offer(Second, 1000 + LastFixStore.WriteIntervalMs - 1));
            AssertSame(Second, last.Fix);
            AssertSame(First, new LastFixStore(store).Fix);
            Assert.True(last.Offer(Second, 1000 + LastFixStore.WriteIntervalMs));
            AssertSame(Second, new LastFixStore(store).Fix);
        }

        [Fact]
        public void Offer_FixWithoutDate_NotWrittenAndTheNextDatedOneIs()
        {
            var store = new MemoryStore();
            var last = new LastFixStore(store);
            var undated = new GpsFix(1, 2, 100, 5, 1, -1);
            Assert.False(last.Offer(undated, 0));
            Assert.Same(undated, last.Fix);
            Assert.Empty(store.Values);
            Assert.True(last.Offer(First, 1));
        }

        // Every single flipped bit of the record is caught: no fix, reported, and the next offer writes a good one.
        [Fact]
        public void New_AnyBitFlipped_NoFixAndDamaged()
        {
            var store = new MemoryStore();
            new LastFixStore(store).Offer(First, 0);
            byte[] good = store.Values[LastFixStore.Key];
            for (int bit = 0; bit < good.Length * 8; bit++)
            {
                byte[] bad = (byte[])good.Clone();
                bad[bit / 8] ^= (byte)(1 << (bit % 8));
                store.Values[LastFixStore.Key] = bad;
                var last = new LastFixStore(store);
                Assert.Null(last.Fix);
                Assert.True(last.WasDamaged, "bit " + bit);
                Assert.True(last.Offer(Second, 0));
                AssertSame(Second, new LastFixStore(store).Fix);
            }
        }

        [Fact]
        public void New_TruncatedOrLengthened_NoFixAndDamaged()
        {
            var store = new MemoryStore();
            new LastFixStore(store).Offer(First, 0);
            byte[] good = store.Values[LastFixStore.Key];
            for (int length = 0; length <= good.Length + 1; length++)
            {
                if (length == good.Length)
                {
                    continue;
                }
                byte[] cut = new byte[length];
                Array.Copy(good, cut, Math.Min(length, good.Length));
                store.Values[LastFixStore.Key] = cut;
                var last = new LastFixStore(store);
                Assert.Null(last.Fix);
                Assert.True(last.WasDamaged, "length " + length);
            }
        }

        // A record whose hash is right but whose values are not a fix (another build's bug, say) is refused too.
        [Theory]
        [InlineData(900000001, 0, 100, 1, 1L)]
        [InlineData(0, -1800000001, 100, 1, 1L)]
        [InlineData(0, 0, -2, 1, 1L)]
        [InlineData(0, 0, 100, 0, 1L)]
        [InlineData(0, 0, 100, 1, 0L)]
        public void New_HashedButImpossibleValues_NoFixAndDamaged(int latitudeE7, int longitudeE7, int hdopCenti, int quality, long utcMillis)
        {
            var store = new MemoryStore();
            new LastFixStore(store).Offer(new GpsFix(0, 0, 100, 5, 1, 1), 0);
            store.Values[LastFixStore.Key] = Rewrite(store.Values[LastFixStore.Key], latitudeE7, longitudeE7, hdopCenti, quality, utcMillis);
            var last = new LastFixStore(store);
            Assert.Null(last.Fix);
            Assert.True(last.WasDamaged);
        }

        private static byte[] Rewrite(byte[] template, int latitudeE7, int longitudeE7, int hdopCenti, int quality, long utcMillis)
        {
            byte[] record = (byte[])template.Clone();
            Write(record, 1, latitudeE7);
            Write(record, 5, longitudeE7);
            Write(record, 9, hdopCenti);
            Write(record, 17, quality);
            Write(record, 21, (int)(utcMillis >> 32));
            Write(record, 25, (int)utcMillis);
            byte[] hash = System.Security.Cryptography.SHA256.HashData(record.AsSpan(0, 29));
            Array.Copy(hash, 0, record, 29, 8);
            return record;
        }

        private static void Write(byte[] record, int at, int value)
        {
            record[at] = (byte)(value >> 24);
            record[at + 1] = (byte)(value >> 16);
            record[at + 2] = (byte)(value >> 8);
            record[at + 3] = (byte)value;
        }

        private static void AssertSame(GpsFix expected, GpsFix actual)
        {
            Assert.NotNull(actual);
            Assert.Equal((expected.LatitudeE7, expected.LongitudeE7, expected.HdopCenti, expected.Satellites, expected.Quality, expected.UtcMillis),
                (actual.LatitudeE7, actual.LongitudeE7, actual.HdopCenti, actual.Satellites, actual.Quality, actual.UtcMillis));
        }
    }
}
