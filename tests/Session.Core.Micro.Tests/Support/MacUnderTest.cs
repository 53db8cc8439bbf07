using System;
using Org.BouncyCastle.Crypto;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>One HMAC as the shared contract (Crypto/HmacContractTests) sees it: sizes, vectors, entry points, references.</summary>
    public sealed class MacUnderTest
    {
        /// <summary>"hmac_sha256": the Wycheproof file's stem; also the label.</summary>
        public string Name { get; init; }

        /// <summary>The property holding this MAC's tag in the RFC 4231 vector file ("hmacSha256").</summary>
        public string Rfc4231Property { get; init; }
        public int TagSize { get; init; }

        /// <summary>The block size of the hash under the MAC: keys longer than this are hashed first.</summary>
        public int BlockSize { get; init; }

        /// <summary>A new instance under a key.</summary>
        public Func<byte[], MacInstance> Create { get; init; }

        /// <summary>The static one-shot Compute(key, data).</summary>
        public Func<byte[], byte[], byte[]> Compute { get; init; }

        public Func<IMac> BouncyCastle { get; init; }

        /// <summary>(key, data) → tag, from System.Security.Cryptography.</summary>
        public Func<byte[], byte[], byte[]> DotNet { get; init; }

        public override string ToString() => Name;
    }

    /// <summary>A MAC instance's Update and Final.</summary>
    public sealed class MacInstance
    {
        public MacInstance(Action<byte[], int, int> update, Action<byte[], int> final)
        {
            Update = update;
            Final = final;
        }

        /// <summary>(data, offset, count)</summary>
        public Action<byte[], int, int> Update { get; }

        /// <summary>(output, outputOffset)</summary>
        public Action<byte[], int> Final { get; }
    }
}
