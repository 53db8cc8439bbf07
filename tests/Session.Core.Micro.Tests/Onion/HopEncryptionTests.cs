using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Onion;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Onion
{
    public class HopEncryptionTests
    {
        private readonly ITestOutputHelper _output;

        public HopEncryptionTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static JsonElement Vector(string name)
        {
            JsonElement all = TestVectors.Json("session/session-upstream.json").GetProperty("vectors");
            return all.EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
        }

        [Fact]
        public void OnionHopDecrypt_UpstreamVector_KeysAndXChaChaCases()
        {
            JsonElement v = Vector("onion_hop_decrypt");
            byte[] clientPub = v.Bytes("client_eph_x25519_pub"), clientSec = v.Bytes("client_eph_x25519_sec");
            byte[] nodePub = v.Bytes("node_x25519_pub"), nodeSec = v.Bytes("node_x25519_sec");
            byte[] fromClient = new byte[32], fromNode = new byte[32];
            Assert.True(HopEncryption.DeriveKey(fromClient, clientSec, nodePub, clientPub, nodePub));
            Assert.True(HopEncryption.DeriveKey(fromNode, nodeSec, clientPub, clientPub, nodePub));
            Assert.Equal(v.Bytes("derived_xchacha20_key"), fromClient);
            Assert.Equal(fromClient, fromNode);

            byte[] ct = v.Bytes("xchacha20_ciphertext");
            Assert.Equal(v.Text("plaintext_text"), System.Text.Encoding.UTF8.GetString(HopEncryption.Open(fromNode, ct, 0, ct.Length)));
            int failures = 0;
            foreach (JsonElement bad in v.GetProperty("xchacha20_must_fail").EnumerateArray())
            {
                byte[] b = Convert.FromHexString(bad.GetString());
                Assert.Null(HopEncryption.Open(fromNode, b, 0, b.Length));
                failures++;
            }
            Assert.Equal(2, failures);
        }

        // The core speaks only xchacha20 (the device has no AES-GCM). The vector's aes-gcm cases are
        // still run, with the BCL's AesGcm under the key HMAC-SHA256("LOKI", shared) derived by the
        // core's HMAC, so no case of the vector is left unchecked: 1 plaintext + 2 + 2 must-fail.
        [Fact]
        public void OnionHopDecrypt_AesGcmCases_CheckedWithTheBcl()
        {
            JsonElement v = Vector("onion_hop_decrypt");
            byte[] shared = new byte[32];
            Assert.True(X25519.ScalarMult(shared, v.Bytes("node_x25519_sec"), v.Bytes("client_eph_x25519_pub")));
            Assert.Equal(v.Bytes("derived_x25519_shared"), shared);
            byte[] key = HmacSha256.Compute(System.Text.Encoding.ASCII.GetBytes("LOKI"), shared);
            Assert.Equal(v.Bytes("derived_aes_gcm_key"), key);
            Assert.Equal(v.Text("plaintext_text"), System.Text.Encoding.UTF8.GetString(AesGcmOpen(key, v.Bytes("aes_gcm_ciphertext"))));
            int cases = 0;
            foreach (string list in new[] { "aes_gcm_must_fail", "xchacha20_must_fail" })
            {
                foreach (JsonElement bad in v.GetProperty(list).EnumerateArray())
                {
                    Assert.Null(AesGcmOpen(key, Convert.FromHexString(bad.GetString())));
                    cases++;
                }
            }
            Assert.Equal(4, cases);
        }

        private static byte[] AesGcmOpen(byte[] key, byte[] data)
        {
            using var gcm = new AesGcm(key, 16);
            byte[] plain = new byte[data.Length - 28];
            try
            {
                gcm.Decrypt(data.AsSpan(0, 12), data.AsSpan(12, plain.Length), data.AsSpan(data.Length - 16), plain);
                return plain;
            }
            catch (AuthenticationTagMismatchException)
            {
                return null;
            }
        }

        [Fact]
        public void OnionRequestParseAndDecrypt_UpstreamVector_NodeSideAndReply()
        {
            JsonElement v = Vector("onion_request_parse_and_decrypt");
            byte[] nodePub = v.Bytes("node_x25519_pub"), nodeSec = v.Bytes("node_x25519_sec");
            byte[] request = v.Bytes("request_xchacha20");
            var (blob, json) = OnionTestNode.Split(request);
            Assert.Equal("xchacha20", json.GetProperty("enc_type").GetString());
            byte[] clientPub = Convert.FromHexString(json.GetProperty("ephemeral_key").GetString());
            Assert.Equal(v.Bytes("client_eph_x25519_pub"), clientPub);
            byte[] key = new byte[32];
            Assert.True(HopEncryption.DeriveKey(key, nodeSec, clientPub, clientPub, nodePub));
            Assert.Equal(v.Text("expected_payload_text"), System.Text.Encoding.UTF8.GetString(HopEncryption.Open(key, blob, 0, blob.Length)));

            // The node's reply under the same key; the client opens it with its ephemeral secret.
            byte[] reply = HopEncryption.Seal(key, new byte[24], System.Text.Encoding.UTF8.GetBytes(v.Text("reply_text")));
            Assert.Equal(v.GetProperty("reply_len_xchacha20").GetInt32(), reply.Length);
            byte[] clientKey = new byte[32];
            Assert.True(HopEncryption.DeriveKey(clientKey, v.Bytes("client_eph_x25519_sec"), nodePub, clientPub, nodePub));
            Assert.Equal(v.Text("reply_text"), System.Text.Encoding.UTF8.GetString(HopEncryption.Open(clientKey, reply, 0, reply.Length)));

            // The aes-gcm request of the vector: parsed the same way, opened with the BCL (no AES-GCM in the core).
            var (gcmBlob, gcmJson) = OnionTestNode.Split(v.Bytes("request_aes_gcm"));
            Assert.Equal("aes-gcm", gcmJson.GetProperty("enc_type").GetString());
            byte[] shared = new byte[32];
            Assert.True(X25519.ScalarMult(shared, nodeSec, clientPub));
            Assert.Equal(v.Text("expected_payload_text"), System.Text.Encoding.UTF8.GetString(AesGcmOpen(HmacSha256.Compute(System.Text.Encoding.ASCII.GetBytes("LOKI"), shared), gcmBlob)));
            Assert.Equal(v.GetProperty("reply_len_aes_gcm").GetInt32(), 12 + v.Text("reply_text").Length + 16);
        }

        [Fact]
        public void Seal_RandomInputs_LibsodiumOpens_AndFlippedBitsFail()
        {
            var random = new SeededRandom(_output, nameof(Seal_RandomInputs_LibsodiumOpens_AndFlippedBitsFail));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(32), nonce = random.Bytes(24), plain = random.Bytes(random.LengthFor(i));
                byte[] sealedLayer = HopEncryption.Seal(key, nonce, plain);
                Assert.Equal(plain.Length + HopEncryption.Overhead, sealedLayer.Length);
                Assert.Equal(nonce, sealedLayer.AsSpan(0, 24).ToArray());
                Assert.Equal(plain, Sodium.SecretAeadXChaCha20Poly1305.Decrypt(sealedLayer.AsSpan(24).ToArray(), nonce, key, null));
                Assert.Equal(plain, HopEncryption.Open(key, sealedLayer, 0, sealedLayer.Length));
                byte[] flipped = (byte[])sealedLayer.Clone();
                flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                Assert.Null(HopEncryption.Open(key, flipped, 0, flipped.Length));
            }
            Assert.Null(HopEncryption.Open(new byte[32], new byte[39], 0, 39));
        }

        [Fact]
        public void DeriveKey_SmallOrderPeer_ReturnsFalse()
        {
            byte[] key = new byte[32];
            Assert.False(HopEncryption.DeriveKey(key, new byte[32] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }, new byte[32], new byte[32], new byte[32]));
            Assert.All(key, b => Assert.Equal(0, b));
        }
    }
}
