using Org.BouncyCastle.Crypto.Digests;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>SHA-512 through the shared SHA-2 contract.</summary>
    public sealed class Sha512Tests : Sha2ContractTests
    {
        private static readonly HashUnderTest s_hash = new HashUnderTest
        {
            Name = "SHA512",
            HashSize = Sha512.HashSize,
            BlockSize = Sha512.BlockSize,
            ShortMsgCases = 129,
            LongMsgCases = 128,
            Create = () =>
            {
                var hash = new Sha512();
                return new HashInstance(hash.Update, hash.Final, hash.Reset);
            },
            Hash = Sha512.Hash,
            HashSlice = Sha512.Hash,
            BouncyCastle = () => new Sha512Digest(),
            Libsodium = Sodium.CryptoHash.Sha512,
        };

        public Sha512Tests(ITestOutputHelper output)
            : base(output, s_hash)
        {
        }
    }
}
