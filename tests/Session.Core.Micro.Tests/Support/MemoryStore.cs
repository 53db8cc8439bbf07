using System.Collections.Generic;
using Session.Core.Micro.Network;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>An in-memory IKeyValueStore.</summary>
    public sealed class MemoryStore : IKeyValueStore
    {
        public Dictionary<string, byte[]> Values { get; } = new Dictionary<string, byte[]>();

        public byte[] Get(string key) => Values.TryGetValue(key, out byte[] value) ? (byte[])value.Clone() : null;

        public void Put(string key, byte[] value) => Values[key] = (byte[])value.Clone();

        public void Remove(string key) => Values.Remove(key);
    }
}
