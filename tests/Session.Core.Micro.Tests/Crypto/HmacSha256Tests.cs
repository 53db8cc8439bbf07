using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>HMAC-SHA-256 through the shared HMAC contract.</summary>
    public sealed class HmacSha256Tests : HmacContractTests
    {
        private static readonly MacUnderTest s_mac = new MacUnderTest
        {
            Name = "hmac_sha256",
            Rfc4231Property = "hmacSha256",
            TagSize = HmacSha256.TagSize,
            BlockSize = Sha256.BlockSize,
            Create = key =>
            {
                var mac = new HmacSha256(key);
                return new MacInstance(mac.Update, mac.Final);
            },
            Compute = HmacSha256.Compute,
            BouncyCastle = () => new HMac(new Sha256Digest()),
            DotNet = System.Security.Cryptography.HMACSHA256.HashData,
        };

        public HmacSha256Tests(ITestOutputHelper output)
            : base(output, s_mac)
        {
        }
    }
}
