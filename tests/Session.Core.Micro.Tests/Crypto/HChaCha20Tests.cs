using System;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Crypto
{
    public class HChaCha20Tests
    {
        // draft-irtf-cfrg-xchacha-03 §2.2.1.
        [Fact]
        public void DeriveKey_DraftVector_Matches()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json("rfc/draft-irtf-cfrg-xchacha-03.json").GetProperty("hchacha20").EnumerateArray())
            {
                byte[] output = new byte[HChaCha20.OutputSize];
                HChaCha20.DeriveKey(output, test.Bytes("key"), test.Bytes("input"));
                Assert.Equal(test.Bytes("output"), output);
                ran++;
            }
            Assert.Equal(1, ran);
        }

        // libsodium xchacha20.c: ten standard-constant cases and one with a custom constant.
        [Fact]
        public void DeriveKey_LibsodiumVectors_Match()
        {
            int ran = 0;
            int custom = 0;
            foreach (JsonElement test in TestVectors.Json("libsodium/xchacha20_hchacha20.json").GetProperty("hchacha20").EnumerateArray())
            {
                byte[] output = new byte[HChaCha20.OutputSize];
                if (test.Has("constant"))
                {
                    HChaCha20.DeriveKey(output, test.Bytes("key"), test.Bytes("input"), test.Bytes("constant"));
                    custom++;
                }
                else
                {
                    HChaCha20.DeriveKey(output, test.Bytes("key"), test.Bytes("input"));
                }
                Assert.Equal(test.Bytes("output"), output);
                ran++;
            }
            Assert.Equal(11, ran);
            Assert.Equal(1, custom);
        }

        [Fact]
        public void DeriveKey_BadArguments_Throw()
        {
            Assert.Throws<ArgumentException>(() => HChaCha20.DeriveKey(new byte[31], new byte[32], new byte[16]));
            Assert.Throws<ArgumentException>(() => HChaCha20.DeriveKey(new byte[32], new byte[31], new byte[16]));
            Assert.Throws<ArgumentException>(() => HChaCha20.DeriveKey(new byte[32], new byte[32], new byte[24]));
            Assert.Throws<ArgumentNullException>(() => HChaCha20.DeriveKey(new byte[32], null, new byte[16]));
        }
    }
}
