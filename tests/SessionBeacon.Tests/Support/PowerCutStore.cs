using System;
using Session.Core.Micro.Network;

namespace SessionBeacon.Tests.Support
{
    /// <summary>How the write that meets the power cut ends.</summary>
    internal enum CutMode
    {
        /// <summary>Nothing of the write reaches flash.</summary>
        Before,

        /// <summary>The first half of the new value lands over the old one (the rest of the old bytes stay).</summary>
        Torn,

        /// <summary>The write completes, then power goes before the caller learns it.</summary>
        After,
    }

    /// <summary>Thrown where the simulated device loses power.</summary>
    internal sealed class PowerCutException : Exception
    {
        public PowerCutException(int write)
            : base("power cut at write " + write)
        {
        }
    }

    /// <summary>
    /// Counts every write (Put and Remove) to a MemoryStore and cuts the power at write number CutAt.
    /// A device without power writes nothing more: every later write throws too, so code that
    /// catches the first (the beacon's Step reports and goes on) cannot write past the cut.
    /// </summary>
    internal sealed class PowerCutStore : IKeyValueStore
    {
        private readonly MemoryStore _flash;
        private readonly int _cutAt;
        private readonly CutMode _mode;

        public PowerCutStore(MemoryStore flash, int cutAt, CutMode mode)
        {
            _flash = flash;
            _cutAt = cutAt;
            _mode = mode;
        }

        public int Writes { get; private set; }

        /// <summary>True once the power is cut.</summary>
        public bool IsCut => Writes >= _cutAt;

        public byte[] Get(string key)
        {
            return _flash.Get(key);
        }

        public void Put(string key, byte[] value)
        {
            if (IsCut)
            {
                throw new PowerCutException(_cutAt);
            }
            if (++Writes != _cutAt)
            {
                _flash.Put(key, value);
                return;
            }
            if (_mode == CutMode.Torn)
            {
                byte[] old = _flash.Get(key) ?? new byte[0];
                byte[] torn = new byte[Math.Max(old.Length, value.Length / 2)];
                Array.Copy(old, torn, old.Length);
                Array.Copy(value, torn, value.Length / 2);
                _flash.Put(key, torn);
            }
            else if (_mode == CutMode.After)
            {
                _flash.Put(key, value);
            }
            throw new PowerCutException(Writes);
        }

        public void Remove(string key)
        {
            if (IsCut)
            {
                throw new PowerCutException(_cutAt);
            }
            if (++Writes != _cutAt)
            {
                _flash.Remove(key);
                return;
            }
            // Deleting a file is one directory update: it happens entirely or not at all.
            if (_mode == CutMode.After)
            {
                _flash.Remove(key);
            }
            throw new PowerCutException(Writes);
        }
    }
}
