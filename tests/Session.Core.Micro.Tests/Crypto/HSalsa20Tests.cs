using System;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Crypto
{
    public class HSalsa20Tests
    {
        // libsodium core1, core2, core5 (all with the standard "expand 32-byte k" constant, which the file spells out).
        [Fact]
        public void DeriveKey_LibsodiumVectors_Match()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json("libsodium/salsa20_xsalsa20.json").GetProperty("hsalsa20").EnumerateArray())
            {
                byte[] output = new byte[HSalsa20.OutputSize];
                HSalsa20.DeriveKey(output, test.Bytes("key"), test.Bytes("input"));
                Assert.Equal(test.Bytes("output"), output);

                // The same through the custom-constant entry point with the file's constant.
                byte[] withConstant = new byte[HSalsa20.OutputSize];
                HSalsa20.DeriveKey(withConstant, test.Bytes("key"), test.Bytes("input"), test.Bytes("constant"));
                Assert.Equal(test.Bytes("output"), withConstant);
                ran++;
            }
            Assert.Equal(3, ran);
        }

        [Fact]
        public void DeriveKey_CustomConstant_ChangesOutput()
        {
            byte[] key = new byte[HSalsa20.KeySize];
            byte[] input = new byte[HSalsa20.InputSize];
            byte[] standard = new byte[HSalsa20.OutputSize];
            byte[] custom = new byte[HSalsa20.OutputSize];
            HSalsa20.DeriveKey(standard, key, input);
            HSalsa20.DeriveKey(custom, key, input, new byte[16]);
            Assert.NotEqual(standard, custom);
        }

        [Fact]
        public void DeriveKey_BadArguments_Throw()
        {
            Assert.Throws<ArgumentException>(() => HSalsa20.DeriveKey(new byte[16], new byte[32], new byte[16]));
            Assert.Throws<ArgumentException>(() => HSalsa20.DeriveKey(new byte[32], new byte[32], new byte[8]));
            Assert.Throws<ArgumentException>(() => HSalsa20.DeriveKey(new byte[32], new byte[32], new byte[16], new byte[4]));
            Assert.Throws<ArgumentNullException>(() => HSalsa20.DeriveKey(null, new byte[32], new byte[16]));
        }
    }
}
