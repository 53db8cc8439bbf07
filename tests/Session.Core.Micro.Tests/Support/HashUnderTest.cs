using System;
using Org.BouncyCastle.Crypto;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>One SHA-2 hash as the shared contract (Crypto/Sha2ContractTests) sees it: sizes, vectors, entry points, references.</summary>
    public sealed class HashUnderTest
    {
        /// <summary>"SHA256" or "SHA512": the prefix of its NIST SHAVS files.</summary>
        public string Name { get; init; }
        public int HashSize { get; init; }
        public int BlockSize { get; init; }

        /// <summary>Records in the SHAVS ShortMsg and LongMsg files.</summary>
        public int ShortMsgCases { get; init; }
        public int LongMsgCases { get; init; }

        /// <summary>A new incremental instance.</summary>
        public Func<HashInstance> Create { get; init; }

        /// <summary>The static one-shot Hash(data).</summary>
        public Func<byte[], byte[]> Hash { get; init; }

        /// <summary>(output, outputOffset, data, offset, count)</summary>
        public Action<byte[], int, byte[], int, int> HashSlice { get; init; }

        public Func<IDigest> BouncyCastle { get; init; }
        public Func<byte[], byte[]> Libsodium { get; init; }

        public override string ToString() => Name;
    }

    /// <summary>An incremental hash instance's Update, Final and Reset.</summary>
    public sealed class HashInstance
    {
        public HashInstance(Action<byte[], int, int> update, Action<byte[], int> final, Action reset)
        {
            Update = update;
            Final = final;
            Reset = reset;
        }

        /// <summary>(data, offset, count)</summary>
        public Action<byte[], int, int> Update { get; }

        /// <summary>(output, outputOffset)</summary>
        public Action<byte[], int> Final { get; }

        public Action Reset { get; }
    }
}
