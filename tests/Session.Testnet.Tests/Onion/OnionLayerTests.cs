using System;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Session.Testnet.Tests.Onion
{
    public class OnionLayerTests
    {
        [Fact]
        public void Build_Parse_RoundTrip()
        {
            byte[] layer = OnionLayer.Build(new byte[] { 1, 2, 3 }, new JsonObject { ["headers"] = "" });
            Assert.Equal(new byte[] { 3, 0, 0, 0, 1, 2, 3 }, layer[..7]);
            OnionLayer parsed = OnionLayer.Parse(layer);
            Assert.Equal(new byte[] { 1, 2, 3 }, parsed.Blob);
            Assert.True(parsed.Json.ContainsKey("headers"));
        }

        [Theory]
        [InlineData("", "too short")]
        [InlineData("0500000001", "length prefix says 5 bytes but only 1 follow")]
        [InlineData("ffffffff", "length prefix says 4294967295")]
        [InlineData("0000000078", "does not parse")]
        [InlineData("000000005b5d", "must be an object")]
        public void Parse_BadLayer_SaysWhatIsWrong(string hex, string reason)
        {
            var error = Assert.Throws<FormatException>(() => OnionLayer.Parse(Convert.FromHexString(hex)));
            Assert.Contains(reason, error.Message);
        }

        [Fact]
        public void OptionalString_WrongType_IsFormatError()
        {
            OnionLayer layer = OnionLayer.Parse(OnionLayer.Build(Array.Empty<byte>(), new JsonObject { ["enc_type"] = 5 }));
            Assert.Throws<FormatException>(() => layer.OptionalString("enc_type"));
            Assert.Null(layer.OptionalString("missing"));
            Assert.Equal("{\"enc_type\":5}", Encoding.UTF8.GetString(OnionLayer.Build(Array.Empty<byte>(), layer.Json)[4..]));
        }
    }
}
