using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>HMAC-SHA-512 through the shared HMAC contract.</summary>
    public sealed class HmacSha512Tests : HmacContractTests
    {
        private static readonly MacUnderTest s_mac = new MacUnderTest
        {
            Name = "hmac_sha512",
            Rfc4231Property = "hmacSha512",
            TagSize = HmacSha512.TagSize,
            BlockSize = Sha512.BlockSize,
            Create = key =>
            {
                var mac = new HmacSha512(key);
                return new MacInstance(mac.Update, mac.Final);
            },
            Compute = HmacSha512.Compute,
            BouncyCastle = () => new HMac(new Sha512Digest()),
            DotNet = System.Security.Cryptography.HMACSHA512.HashData,
        };

        public HmacSha512Tests(ITestOutputHelper output)
            : base(output, s_mac)
        {
        }
    }
}
