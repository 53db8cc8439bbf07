using System.IO;
using Xunit;

namespace Session.Testnet.Tests.Storage
{
    public class MessageStoreTests
    {
        [Fact]
        public void Store_Reopen_Retrieve_Purge()
        {
            string folder = Directory.CreateTempSubdirectory("store").FullName;
            string path = Path.Combine(folder, "messages.db");
            try
            {
                using (var store = new MessageStore(path))
                {
                    Assert.False(store.Store(new StoredMessage("h1", "05aa", 0, 1000, 5000, new byte[] { 1 }), out long expiry));
                    Assert.Equal(5000, expiry);
                    Assert.True(store.Store(new StoredMessage("h1", "05aa", 0, 1000, 9000, new byte[] { 1 }), out expiry));
                    Assert.Equal(9000, expiry);
                    store.Store(new StoredMessage("h2", "05aa", 0, 1001, 3000, new byte[] { 2 }), out _);
                    store.Store(new StoredMessage("h3", "05aa", 5, 1002, 9000, new byte[] { 3 }), out _);
                }
                using (var store = new MessageStore(path))
                {
                    var all = store.Retrieve("05aa", 0, null, 2000, 0, 0, out bool more);
                    Assert.Equal(new[] { "h1", "h2" }, new[] { all[0].Hash, all[1].Hash });
                    Assert.False(more);
                    Assert.Single(store.Retrieve("05aa", 0, null, 4000, 0, 0, out _));
                    Assert.Single(store.Retrieve("05aa", 0, "h1", 2000, 0, 0, out _));
                    Assert.Single(store.Retrieve("05aa", 5, "unknown", 2000, 0, 0, out _));
                    Assert.Empty(store.Retrieve("05bb", 0, null, 2000, 0, 0, out _));
                    Assert.Equal(1, store.PurgeExpired(4000));
                    Assert.Equal(2, store.Count());
                }
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
