// Persistence the network layer needs (node pool, per-node retrieve cursors): named byte values.
// The device keeps them in flash, the harness in a file or SQLite, tests in memory.
namespace Session.Core.Micro.Network
{
    /// <summary>A small persistent map from names to byte values.</summary>
    public interface IKeyValueStore
    {
        /// <summary>The value stored under <paramref name="key"/>, or null when there is none.</summary>
        byte[] Get(string key);

        /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any old value.</summary>
        void Put(string key, byte[] value);

        /// <summary>Removes <paramref name="key"/>; nothing happens when it is absent.</summary>
        void Remove(string key);
    }
}
