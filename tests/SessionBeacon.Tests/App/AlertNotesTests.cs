using System;
using System.IO;
using Session.Core.Micro.Network;
using SessionBeacon.App;
using SessionBeacon.Delivery;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.App
{
    /// <summary>The notes the next alert carries: kept on flash until an alert carries them, and never a reason for an alert not to be written.</summary>
    public class AlertNotesTests
    {
        private const string Unreadable = "\nEarlier alerts may not have been sent: the beacon's note of them on flash could not be read.";

        [Fact]
        public void Add_KeptAcrossARestart_InOrder_AfterTheStandingLines_ClearedOnce()
        {
            var flash = new MemoryStore();
            var notes = new AlertNotes(flash, "\nStanding line.");
            Assert.Equal("\nStanding line.", notes.Text());
            notes.Add(AlertNotes.Lost(AlertKind.Panic, "Bob"));
            notes.Add(AlertNotes.LostUnread());

            var restarted = new AlertNotes(flash, "");
            Assert.Equal("\nAn earlier panic alert did not reach Bob: its copy on the beacon's flash was damaged."
                + "\nAn earlier alert was not sent: its copy on the beacon's flash was damaged beyond reading.", restarted.Text());
            restarted.Clear();
            Assert.Equal("", restarted.Text());
            Assert.Empty(flash.Values);
        }

        [Fact]
        public void Add_BeyondTheBound_Dropped()
        {
            var flash = new MemoryStore();
            var notes = new AlertNotes(flash, "");
            for (int i = 0; i < 20; i++)
            {
                notes.Add(AlertNotes.Lost(AlertKind.Sensor, "Recipient " + i));
            }
            Assert.InRange(flash.Values[AlertNotes.Key].Length, 500, 600);
            Assert.StartsWith("\nAn earlier sensor alert did not reach Recipient 0:", notes.Text());
        }

        [Fact]
        public void Text_NotesDamagedOrUnreadable_SaysSo_NeverThrows()
        {
            var flash = new MemoryStore();
            flash.Put(AlertNotes.Key, new byte[] { 0x41, 0xe2, 0x80 });
            Assert.Equal(Unreadable, new AlertNotes(flash, "").Text());

            var failing = new FailingStore();
            var notes = new AlertNotes(failing, "");
            Assert.Equal(Unreadable, notes.Text());
            notes.Clear();
            Assert.Equal("", notes.Text());
        }

        private sealed class FailingStore : IKeyValueStore
        {
            public byte[] Get(string key) => throw new IOException("flash read failed");

            public void Put(string key, byte[] value) => throw new IOException("flash write failed");

            public void Remove(string key) => throw new IOException("flash write failed");
        }
    }
}
