// libsodium (Sodium.Core) and BouncyCastle doing the same work as each CoreOperations entry, on
// the same inputs. Null where that library has no such primitive.
using System;
using System.Collections.Generic;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;
using BcX25519 = Org.BouncyCastle.Math.EC.Rfc7748.X25519;

namespace Session.Core.Micro.Bench
{
    public static class Competitors
    {
        public static Dictionary<string, (Action Libsodium, Action BouncyCastle)> For(CoreOperations core)
        {
            byte[] out32 = new byte[32];
            byte[] out64 = new byte[64];
            byte[] out1K = new byte[1024];
            byte[] tag = new byte[16];
            byte[] sodiumSecret = Sodium.PublicKeyAuth.GenerateKeyPair(core.Seed).PrivateKey;
            byte[] sealedBySodium = Sodium.SealedPublicKeyBox.Create(core.Message200, core.PeerPublicKey);
            byte[] nonce8 = new byte[8];
            return new Dictionary<string, (Action, Action)>
            {
                [CoreOperations.X25519Name] = (
                    () => Sodium.ScalarMult.Mult(core.SecretKey, core.PeerPublicKey),
                    () => BcX25519.ScalarMult(core.SecretKey, 0, core.PeerPublicKey, 0, out32, 0)),
                [CoreOperations.X25519BaseName] = (
                    () => Sodium.ScalarMult.Base(core.SecretKey),
                    () => BcX25519.ScalarMultBase(core.SecretKey, 0, out32, 0)),
                [CoreOperations.SignName] = (
                    () => Sodium.PublicKeyAuth.SignDetached(core.Message200, sodiumSecret),
                    () => BcEd25519.Sign(core.Seed, 0, core.Message200, 0, core.Message200.Length, out64, 0)),
                [CoreOperations.VerifyName] = (
                    () => Sodium.PublicKeyAuth.VerifyDetached(core.Signature, core.Message200, core.EdPublicKey),
                    () => BcEd25519.Verify(core.Signature, 0, core.EdPublicKey, 0, core.Message200, 0, core.Message200.Length)),
                [CoreOperations.SealName] = (
                    () => Sodium.SealedPublicKeyBox.Create(core.Message200, core.PeerPublicKey),
                    null),
                [CoreOperations.OpenName] = (
                    () => Sodium.SealedPublicKeyBox.Open(sealedBySodium, core.PeerSecretKey, core.PeerPublicKey),
                    null),
                [CoreOperations.XChaChaName] = (
                    () => Sodium.SecretAeadXChaCha20Poly1305.Encrypt(core.Message1K, core.Nonce24, core.Key),
                    null),
                [CoreOperations.ChaChaName] = (
                    () => Sodium.StreamEncryption.EncryptChaCha20(core.Message1K, nonce8, core.Key),
                    () =>
                    {
                        var engine = new ChaCha7539Engine();
                        engine.Init(true, new ParametersWithIV(new KeyParameter(core.Key), core.Nonce12));
                        engine.ProcessBytes(core.Message1K, 0, core.Message1K.Length, out1K, 0);
                    }),
                [CoreOperations.Poly1305Name] = (
                    () => Sodium.OneTimeAuth.Sign(core.Message1K, core.Key),
                    () =>
                    {
                        var mac = new Poly1305();
                        mac.Init(new KeyParameter(core.Key));
                        mac.BlockUpdate(core.Message1K, 0, core.Message1K.Length);
                        mac.DoFinal(tag, 0);
                    }),
                [CoreOperations.SecretBoxName] = (
                    () => Sodium.SecretBox.Create(core.Message1K, core.Nonce24, core.Key),
                    null),
                [CoreOperations.Sha256Name] = (
                    () => Sodium.CryptoHash.Sha256(core.Message1K),
                    () =>
                    {
                        var digest = new Sha256Digest();
                        digest.BlockUpdate(core.Message1K, 0, core.Message1K.Length);
                        digest.DoFinal(out32, 0);
                    }),
                [CoreOperations.Sha512Name] = (
                    () => Sodium.CryptoHash.Sha512(core.Message1K),
                    () =>
                    {
                        var digest = new Sha512Digest();
                        digest.BlockUpdate(core.Message1K, 0, core.Message1K.Length);
                        digest.DoFinal(out64, 0);
                    }),
                [CoreOperations.Blake2bName] = (
                    () => Sodium.GenericHash.Hash(core.Message1K, (byte[])null, 32),
                    () =>
                    {
                        var digest = new Blake2bDigest(256);
                        digest.BlockUpdate(core.Message1K, 0, core.Message1K.Length);
                        digest.DoFinal(out32, 0);
                    }),
                [CoreOperations.HmacName] = (
                    () => Sodium.SecretKeyAuth.SignHmacSha256(core.Message1K, core.Key),
                    () =>
                    {
                        var mac = new HMac(new Sha256Digest());
                        mac.Init(new KeyParameter(core.Key));
                        mac.BlockUpdate(core.Message1K, 0, core.Message1K.Length);
                        mac.DoFinal(out32, 0);
                    }),
                [CoreOperations.HkdfName] = (
                    null,
                    () =>
                    {
                        var hkdf = new HkdfBytesGenerator(new Sha256Digest());
                        hkdf.Init(new HkdfParameters(core.Key, core.Nonce24, core.Nonce12));
                        hkdf.GenerateBytes(out32, 0, 32);
                    }),
                // No library builds a Session message; only the core's time and allocation are shown.
                [CoreOperations.AlertName] = (null, null),
                // Session-specific work: neither library builds onion requests or reads JSON.
                [CoreOperations.OnionKeysName] = (null, null),
                [CoreOperations.OnionBuildName] = (null, null),
                [CoreOperations.OnionRequestName] = (null, null),
                [CoreOperations.OnionReplyName] = (null, null),
                [CoreOperations.JsonParseName] = (null, null),
                [CoreOperations.ReceiptName] = (null, null),
                // Neither library has a Double Ratchet.
                [CoreOperations.RatchetSendName] = (null, null),
                [CoreOperations.RatchetAckName] = (null, null),
                [CoreOperations.RatchetAlertPayloadName] = (null, null),
                [CoreOperations.RatchetAckPayloadName] = (null, null),
                // The press-to-onion figures (docs/performance.md): Session-specific, no library does this.
                [CoreOperations.PressFlashName] = (null, null),
                [CoreOperations.PressDetailedName] = (null, null),
                [CoreOperations.ArmedFlashName] = (null, null),
                [CoreOperations.ArmedDetailedName] = (null, null),
                [CoreOperations.ResignedFlashName] = (null, null),
            };
        }
    }
}
