using System;
using System.Text;
using System.Text.Json;
using Session.Core.Micro.Tests.Support;
using Session.Testnet.Tests.Support;
using Xunit;

namespace Session.Testnet.Tests.Crypto
{
    public class HopEncryptionTests
    {
        [Theory]
        [InlineData("aes-gcm", "aes_gcm")]
        [InlineData("xchacha20", "xchacha20")]
        public void NodeKey_UpstreamOnionHopVector_DerivesKeyAndDecrypts(string encType, string field)
        {
            JsonElement v = Upstream.Vector("onion_hop_decrypt");
            byte[] key = HopEncryption.NodeKey(encType, v.Bytes("node_x25519_sec"), v.Bytes("node_x25519_pub"), v.Bytes("client_eph_x25519_pub"));
            Assert.Equal(v.Text("derived_" + field + "_key"), Convert.ToHexStringLower(key));
            Assert.True(HopEncryption.TryDecrypt(encType, key, v.Bytes(field + "_ciphertext"), out byte[] plain));
            Assert.Equal(v.Text("plaintext_text"), Encoding.UTF8.GetString(plain));
            foreach (JsonElement broken in v.GetProperty(field + "_must_fail").EnumerateArray())
            {
                byte[] bad = Convert.FromHexString(broken.GetString());
                Assert.False(HopEncryption.TryDecrypt(encType, key, bad, out _));
                Assert.False(HopEncryption.TryDecrypt(HopEncryption.AesGcm, key, bad, out _));
            }
        }

        [Theory]
        [InlineData("request_aes_gcm", "aes-gcm", "reply_len_aes_gcm")]
        [InlineData("request_xchacha20", "xchacha20", "reply_len_xchacha20")]
        public void ParseAndDecrypt_UpstreamParserVector_OpensRequestAndSealsReply(string request, string encType, string replyLength)
        {
            JsonElement v = Upstream.Vector("onion_request_parse_and_decrypt");
            OnionLayer layer = OnionLayer.Parse(v.Bytes(request));
            Assert.Equal(encType, HopEncryption.Normalize(layer.OptionalString("enc_type")));
            byte[] ephemeral = Convert.FromHexString(layer.OptionalString("ephemeral_key"));
            Assert.Equal(v.Text("client_eph_x25519_pub"), Convert.ToHexStringLower(ephemeral));
            byte[] key = HopEncryption.NodeKey(encType, v.Bytes("node_x25519_sec"), v.Bytes("node_x25519_pub"), ephemeral);
            Assert.True(HopEncryption.TryDecrypt(encType, key, layer.Blob, out byte[] payload));
            Assert.Equal(v.Text("expected_payload_text"), Encoding.UTF8.GetString(payload));

            byte[] reply = HopEncryption.Encrypt(encType, key, Encoding.UTF8.GetBytes(v.Text("reply_text")));
            Assert.Equal(v.GetProperty(replyLength).GetInt32(), reply.Length);
            // The client side of the test client opens it with its own key derivation.
            var client = new Sodium.KeyPair(ephemeral, v.Bytes("client_eph_x25519_sec"));
            byte[] clientKey = OnionClient.LayerKey(encType, client, v.Bytes("node_x25519_pub"));
            Assert.Equal(v.Text("reply_text"), Encoding.UTF8.GetString(OnionClient.Open(encType, clientKey, reply)));
        }

        [Theory]
        [InlineData("aes-gcm")]
        [InlineData("xchacha20")]
        public void TryDecrypt_AnyFlippedBit_Fails(string encType)
        {
            byte[] key = new byte[32];
            key[0] = 7;
            byte[] sealedText = HopEncryption.Encrypt(encType, key, Encoding.UTF8.GetBytes("a layer"));
            for (int bit = 0; bit < sealedText.Length * 8; bit += 5)
            {
                byte[] copy = (byte[])sealedText.Clone();
                copy[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.False(HopEncryption.TryDecrypt(encType, key, copy, out _));
            }
            Assert.False(HopEncryption.TryDecrypt(encType, key, sealedText[..10], out _));
        }

        [Theory]
        [InlineData(null, "aes-gcm")]
        [InlineData("gcm", "aes-gcm")]
        [InlineData("xchacha20-poly1305", "xchacha20")]
        [InlineData("aes-cbc", null)]
        public void Normalize_Aliases(string name, string expected)
        {
            Assert.Equal(expected, HopEncryption.Normalize(name));
        }

        [Fact]
        public void NodeKey_LowOrderEphemeralKey_IsNull()
        {
            byte[] secret = new byte[32];
            secret[0] = 9;
            Assert.Null(HopEncryption.NodeKey(HopEncryption.XChaCha20, secret, new byte[32], new byte[32]));
        }
    }
}
