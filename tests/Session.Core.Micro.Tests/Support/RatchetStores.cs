using System;
using System.Collections.Generic;
using Session.Core.Micro.Ratchet;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>An atomic in-memory state store that keeps every state saved, so tests can roll it back.</summary>
    public class MemoryStateStore : IRatchetStateStore
    {
        private byte[] _current;

        /// <summary>Every state saved, oldest first (copies).</summary>
        public List<byte[]> History { get; } = new List<byte[]>();

        public int Saves => History.Count;

        public virtual void Save(byte[] state)
        {
            Commit(state);
        }

        public byte[] Load() => _current == null ? null : (byte[])_current.Clone();

        /// <summary>Puts an older saved state back, as a flash restored from an old copy would.</summary>
        public void RollBackTo(int historyIndex)
        {
            _current = (byte[])History[historyIndex].Clone();
        }

        protected void Commit(byte[] state)
        {
            _current = (byte[])state.Clone();
            History.Add((byte[])state.Clone());
        }
    }

    /// <summary>Where a simulated power cut falls relative to the atomic commit of a save.</summary>
    public enum CrashPoint
    {
        /// <summary>The power fails before the new state is committed: the store keeps the old one.</summary>
        BeforeCommit,

        /// <summary>The power fails right after the commit, before the caller gets control back.</summary>
        AfterCommit,
    }

    /// <summary>A store whose N-th save (1-based, counted across its life) fails with a simulated power cut.</summary>
    public sealed class CrashingStateStore : MemoryStateStore
    {
        private int _writes;

        public CrashingStateStore(int crashAtWrite, CrashPoint point)
        {
            CrashAtWrite = crashAtWrite;
            Point = point;
        }

        public int CrashAtWrite { get; }

        public CrashPoint Point { get; }

        public bool Crashed { get; private set; }

        public override void Save(byte[] state)
        {
            _writes++;
            if (_writes == CrashAtWrite)
            {
                Crashed = true;
                if (Point == CrashPoint.AfterCommit)
                {
                    Commit(state);
                }
                throw new PowerCutException(_writes);
            }
            Commit(state);
        }
    }

    public sealed class PowerCutException : Exception
    {
        public PowerCutException(int write)
            : base("simulated power cut at write " + write)
        {
        }
    }
}
