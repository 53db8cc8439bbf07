// The initial agreement of the alert ratchet (docs/ratchet.md, "Initial agreement"), after X3DH
// (Marlinspike and Perrin, 2016, section 3.3) without one-time pre-keys, and the Double Ratchet's
// RatchetInitAlice / RatchetInitBob (section 3.3). Both identities are bound: by DH1 and DH2, and
// by both Session IDs in the HKDF info.
//   Initiator: EK, DH1 = DH(IK_I, SPK), DH2 = DH(EK, IK_R), DH3 = DH(EK, SPK), then its first
//   ratchet key pair and sending chain: 6 X25519 operations (2 key generations).
//   Responder: the same three agreements from its side; opening the first packet then takes the
//   first DH ratchet step (RatchetSession.Accept).
using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Ratchet
{
    internal static class RatchetAgreement
    {
        /// <summary>The beacon's first state, from the receiver's verified pre-key.</summary>
        internal static RatchetState Initiator(IRandomSource random, byte[] identitySecretKey, byte[] identityPublicKey,
            byte[] responderIdentityKey, byte[] preKey)
        {
            var s = new RatchetState();
            s.Role = RatchetState.RoleInitiator;
            s.InitiationPending = true;
            Array.Copy(identityPublicKey, s.LocalIdentity, X25519.KeySize);
            Array.Copy(responderIdentityKey, s.RemoteIdentity, X25519.KeySize);
            byte[] ephemeral = new byte[X25519.ScalarSize];
            byte[] dh1 = new byte[X25519.KeySize];
            byte[] dh2 = new byte[X25519.KeySize];
            byte[] dh3 = new byte[X25519.KeySize];
            try
            {
                random.Fill(ephemeral, 0, X25519.ScalarSize);
                X25519.ScalarMultBase(s.InitiationKey, ephemeral);
                if (!X25519.ScalarMult(dh1, identitySecretKey, preKey) || !X25519.ScalarMult(dh3, ephemeral, preKey))
                {
                    throw Errors.RatchetBadKey("the pre-key");
                }
                if (!X25519.ScalarMult(dh2, ephemeral, responderIdentityKey))
                {
                    throw Errors.RatchetBadKey("the recipient's identity key");
                }
                RatchetKdf.InitialSecret(s.RootKey, dh1, dh2, dh3, s.SessionAssociatedData());

                // Double Ratchet section 3.3, RatchetInitAlice: the pre-key is the peer's first ratchet key.
                Array.Copy(preKey, s.ReceivingKey, X25519.KeySize);
                random.Fill(s.SendingSecret, 0, X25519.ScalarSize);
                X25519.ScalarMultBase(s.SendingPublic, s.SendingSecret);
                X25519.ScalarMult(dh1, s.SendingSecret, s.ReceivingKey);
                RatchetKdf.Root(s.RootKey, s.SendingChain, dh1);
            }
            catch
            {
                s.Wipe();
                throw;
            }
            finally
            {
                CryptoBytes.Wipe(ephemeral);
                CryptoBytes.Wipe(dh1);
                CryptoBytes.Wipe(dh2);
                CryptoBytes.Wipe(dh3);
            }
            return s;
        }

        /// <summary>The receiver's state from the beacon's initiation, before its first packet is opened.</summary>
        internal static RatchetState Responder(byte[] identitySecretKey, byte[] identityPublicKey, byte[] preKeySecretKey,
            byte[] initiatorIdentityKey, RatchetHeader header)
        {
            var s = new RatchetState();
            s.Role = RatchetState.RoleResponder;
            Array.Copy(identityPublicKey, s.LocalIdentity, X25519.KeySize);
            Array.Copy(initiatorIdentityKey, s.RemoteIdentity, X25519.KeySize);
            Array.Copy(header.InitiationKey, s.InitiationKey, X25519.KeySize);
            byte[] dh1 = new byte[X25519.KeySize];
            byte[] dh2 = new byte[X25519.KeySize];
            byte[] dh3 = new byte[X25519.KeySize];
            try
            {
                if (!X25519.ScalarMult(dh1, preKeySecretKey, initiatorIdentityKey))
                {
                    throw Errors.RatchetBadKey("the initiator's identity key");
                }
                if (!X25519.ScalarMult(dh2, identitySecretKey, header.InitiationKey) || !X25519.ScalarMult(dh3, preKeySecretKey, header.InitiationKey))
                {
                    throw Errors.RatchetBadKey("the initiator's ephemeral key");
                }
                RatchetKdf.InitialSecret(s.RootKey, dh1, dh2, dh3, s.SessionAssociatedData());
                // RatchetInitBob: the pre-key pair is this side's first ratchet key pair; opening the packet
                // takes the first DH ratchet step, which replaces it.
                Array.Copy(preKeySecretKey, s.SendingSecret, X25519.ScalarSize);
            }
            catch
            {
                s.Wipe();
                throw;
            }
            finally
            {
                CryptoBytes.Wipe(dh1);
                CryptoBytes.Wipe(dh2);
                CryptoBytes.Wipe(dh3);
            }
            return s;
        }
    }
}
