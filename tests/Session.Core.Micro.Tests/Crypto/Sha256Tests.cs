using Org.BouncyCastle.Crypto.Digests;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>SHA-256 through the shared SHA-2 contract.</summary>
    public sealed class Sha256Tests : Sha2ContractTests
    {
        private static readonly HashUnderTest s_hash = new HashUnderTest
        {
            Name = "SHA256",
            HashSize = Sha256.HashSize,
            BlockSize = Sha256.BlockSize,
            ShortMsgCases = 65,
            LongMsgCases = 64,
            Create = () =>
            {
                var hash = new Sha256();
                return new HashInstance(hash.Update, hash.Final, hash.Reset);
            },
            Hash = Sha256.Hash,
            HashSlice = Sha256.Hash,
            BouncyCastle = () => new Sha256Digest(),
            Libsodium = Sodium.CryptoHash.Sha256,
        };

        public Sha256Tests(ITestOutputHelper output)
            : base(output, s_hash)
        {
        }
    }
}
