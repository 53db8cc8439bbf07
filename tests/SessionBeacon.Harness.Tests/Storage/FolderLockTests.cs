using System;
using System.IO;
using System.Text.RegularExpressions;
using SessionBeacon.Harness.Storage;
using Xunit;

namespace SessionBeacon.Harness.Tests.Storage
{
    // In one process; FolderInUseTests has the same with separate processes, and with one killed.
    public class FolderLockTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("folder-lock").FullName, "data");

        public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder), true);

        [Fact]
        public void SecondHold_Refused_NamingTheFirst_AfterReleaseTakenAgain()
        {
            var error = new StringWriter();
            using (FolderLock first = FolderLock.TryAcquire(_folder, "listen", error))
            {
                Assert.NotNull(first);
                Assert.Equal("", error.ToString());
                Assert.Null(FolderLock.TryAcquire(_folder, "beacon run", error));
                Assert.Matches("^beacon run: " + Regex.Escape(_folder) + " is in use by 'listen' \\(process "
                    + Environment.ProcessId + ", started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\); ", error.ToString());
                Assert.EndsWith(" UTC); stop that first, or use another folder" + Environment.NewLine, error.ToString());
            }
            Assert.False(File.Exists(Path.Combine(_folder, FolderLock.HolderFileName)));
            using FolderLock again = FolderLock.TryAcquire(_folder, "beacon run", error);
            Assert.NotNull(again);
        }

        [Fact]
        public void FilesLeftByACrashedHolder_DoNotHoldTheFolder()
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllText(Path.Combine(_folder, FolderLock.FileName), "");
            File.WriteAllText(Path.Combine(_folder, FolderLock.HolderFileName), "'listen' (process 1, started 2020-01-01 00:00:00 UTC)");
            var error = new StringWriter();
            using FolderLock held = FolderLock.TryAcquire(_folder, "listen", error);
            Assert.NotNull(held);
            Assert.Contains("(process " + Environment.ProcessId + ", ", File.ReadAllText(Path.Combine(_folder, FolderLock.HolderFileName)));
        }
    }
}
