using System.Collections.Generic;
using Session.Core.Micro.Network;

namespace SessionBeacon.Tests.Support
{
    /// <summary>An in-memory IKeyValueStore whose contents survive a simulated reboot (the same instance is reused).</summary>
    internal sealed class MemoryStore : IKeyValueStore
    {
        public Dictionary<string, byte[]> Values { get; } = new Dictionary<string, byte[]>();

        public byte[] Get(string key)
        {
            return Values.TryGetValue(key, out byte[] value) ? (byte[])value.Clone() : null;
        }

        public void Put(string key, byte[] value)
        {
            Values[key] = (byte[])value.Clone();
        }

        public void Remove(string key)
        {
            Values.Remove(key);
        }
    }
}
