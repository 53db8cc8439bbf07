using System.IO;
using Xunit;

namespace Session.Testnet.Tests
{
    public class NodeIdentityTests
    {
        [Fact]
        public void LoadOrCreate_SecondTime_SameIdentity()
        {
            string folder = Directory.CreateTempSubdirectory("node").FullName;
            try
            {
                string path = Path.Combine(folder, "keys", "node.key");
                NodeIdentity first = NodeIdentity.LoadOrCreate(path);
                NodeIdentity again = NodeIdentity.LoadOrCreate(path);
                Assert.Equal(first.Ed25519Hex, again.Ed25519Hex);
                Assert.Equal(first.X25519Hex, again.X25519Hex);
                Assert.Equal(64, first.Ed25519Hex.Length);
                Assert.NotEqual(first.Ed25519Hex, first.X25519Hex);
                if (!System.OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                }
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void LoadOrCreate_DamagedKeyFile_SaysWhatToDo()
        {
            string path = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(path, new byte[5]);
                var error = Assert.Throws<InvalidDataException>(() => NodeIdentity.LoadOrCreate(path));
                Assert.Contains("expected 32 bytes, found 5; delete it", error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
