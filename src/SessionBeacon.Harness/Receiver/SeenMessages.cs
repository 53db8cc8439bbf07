// The messages a receiver has seen and handled - shown, or skipped with its reason printed - named by the
// hash of their data (MessageHash, computed here rather than taken from the node), so that no
// message is handled twice, whichever swarm member returns it again. Two files in the identity
// folder:
//   seen            one hash a line, appended and flushed to disk once a message is handled
//   seen.handling   the hash of the message being handled now, written and flushed before it is shown
// A crash (or a kill) while a message is handled leaves seen.handling behind: that message comes back
// (listen moves the node's cursor only past handled messages) and is shown again marked as a
// repeat, never silently twice. Both files are owned by listen, which holds the folder's lock.
using System;
using System.Collections.Generic;
using System.IO;

namespace SessionBeacon.Harness.Receiver
{
    /// <summary>The persisted set of handled message hashes, and the one being handled.</summary>
    public sealed class SeenMessages
    {
        private readonly string _seenPath;
        private readonly string _handlingPath;
        private readonly HashSet<string> _seen;
        private readonly string _interrupted;

        /// <summary>Reads what an earlier run left in <paramref name="seenPath"/> and <paramref name="handlingPath"/>.</summary>
        public SeenMessages(string seenPath, string handlingPath)
        {
            _seenPath = seenPath;
            _handlingPath = handlingPath;
            _seen = new HashSet<string>(File.Exists(seenPath) ? File.ReadAllLines(seenPath) : Array.Empty<string>(), StringComparer.Ordinal);
            _interrupted = File.Exists(handlingPath) ? File.ReadAllText(handlingPath).Trim() : null;
        }

        /// <summary>True when the message with <paramref name="hash"/> was handled already.</summary>
        public bool Contains(string hash) => _seen.Contains(hash);

        /// <summary>True when an earlier run stopped while handling this message: it may have been shown.</summary>
        public bool WasInterrupted(string hash) => hash == _interrupted;

        /// <summary>Records, on disk, that the message with <paramref name="hash"/> is being handled.</summary>
        public void Begin(string hash)
        {
            using var file = new FileStream(_handlingPath, FileMode.Create, FileAccess.Write, FileShare.None);
            byte[] line = System.Text.Encoding.ASCII.GetBytes(hash + "\n");
            file.Write(line);
            file.Flush(true);
        }

        /// <summary>Records, on disk, that the message with <paramref name="hash"/> was handled.</summary>
        public void Finish(string hash)
        {
            using (var file = new FileStream(_seenPath, FileMode.Append, FileAccess.Write, FileShare.None))
            {
                byte[] line = System.Text.Encoding.ASCII.GetBytes(hash + "\n");
                file.Write(line);
                file.Flush(true);
            }
            _seen.Add(hash);
            File.Delete(_handlingPath);
        }
    }
}
