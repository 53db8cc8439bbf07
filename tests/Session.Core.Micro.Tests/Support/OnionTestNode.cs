using System;
using System.Text.Json;
using Session.Core.Micro.Network;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>
    /// A service node for tests, with its secret keys, and an independent layer decoder built on
    /// libsodium (Sodium.Core) and System.Text.Json: it peels one onion layer as a node would.
    /// </summary>
    public sealed class OnionTestNode
    {
        public OnionTestNode(byte[] seed, string ip, int port)
        {
            var keys = Sodium.PublicKeyAuth.GenerateKeyPair(seed);
            Ed25519Public = keys.PublicKey;
            Ed25519Secret = keys.PrivateKey;
            X25519Public = Sodium.PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(keys.PublicKey);
            X25519Secret = Sodium.PublicKeyAuth.ConvertEd25519SecretKeyToCurve25519SecretKey(keys.PrivateKey);
            Node = new ServiceNode(ip, port, Ed25519Public, X25519Public);
        }

        public byte[] Ed25519Public { get; }
        public byte[] Ed25519Secret { get; }
        public byte[] X25519Public { get; }
        public byte[] X25519Secret { get; }
        public ServiceNode Node { get; }
        public string Hex => Convert.ToHexStringLower(Ed25519Public);

        /// <summary>Splits LE32(n) || blob(n) || JSON.</summary>
        public static (byte[] Blob, JsonElement Json) Split(byte[] data)
        {
            int n = BitConverter.ToInt32(data, 0);
            byte[] blob = data.AsSpan(4, n).ToArray();
            using var doc = JsonDocument.Parse(data.AsMemory(4 + n));
            return (blob, doc.RootElement.Clone());
        }

        /// <summary>The xchacha20 layer key as the node derives it: BLAKE2b-256(X25519(n, E) || E || N).</summary>
        public byte[] LayerKey(byte[] clientEphemeral)
        {
            byte[] shared = Sodium.ScalarMult.Mult(X25519Secret, clientEphemeral);
            byte[] input = new byte[96];
            shared.CopyTo(input, 0);
            clientEphemeral.CopyTo(input, 32);
            X25519Public.CopyTo(input, 64);
            return Sodium.GenericHash.Hash(input, (byte[])null, 32);
        }

        /// <summary>Opens nonce || ct || tag under the key made from E; throws when authentication fails.</summary>
        public byte[] Open(byte[] sealedLayer, byte[] clientEphemeral)
        {
            byte[] key = LayerKey(clientEphemeral);
            return Sodium.SecretAeadXChaCha20Poly1305.Decrypt(sealedLayer.AsSpan(24).ToArray(), sealedLayer.AsSpan(0, 24).ToArray(), key, null);
        }

        /// <summary>Seals a reply the way a destination does: nonce || ct || tag under the layer key.</summary>
        public byte[] SealReply(byte[] plaintext, byte[] clientEphemeral, byte[] nonce)
        {
            byte[] ct = Sodium.SecretAeadXChaCha20Poly1305.Encrypt(plaintext, nonce, LayerKey(clientEphemeral), null);
            byte[] result = new byte[24 + ct.Length];
            nonce.CopyTo(result, 0);
            ct.CopyTo(result, 24);
            return result;
        }
    }
}
