// The receiving half of the Double Ratchet (Perrin and Marlinspike, 2016, section 3.5,
// RatchetDecrypt, TrySkippedMessageKeys, SkipMessageKeys, DHRatchet) with this project's bounds and
// counter rules (docs/ratchet.md, "Receiving, and its bounds" and "Replays and rollback"). It works
// on a working copy of the state; RatchetSession decrypts, then saves the copy or throws it away.
using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Ratchet
{
    internal static class RatchetReceiver
    {
        // Double Ratchet section 3.5: finds or derives the message key of the packet on s, deleting it
        // from the skipped keys or stepping the chain past it; throws the refusal when none is left.
        internal static void TakeMessageKey(RatchetState s, RatchetHeader header, byte[] packet, byte[] messageKey, IRandomSource random)
        {
            int skipped = s.Skipped.Find(header.RatchetKey, header.MessageNumber);
            if (skipped >= 0)
            {
                s.Skipped.Take(skipped, messageKey);
            }
            else if (s.HasReceivingChain && SameKey(header.RatchetKey, s.ReceivingKey))
            {
                if (header.MessageNumber < s.ReceivingCount)
                {
                    throw Refusal(s, header, packet);
                }
                SkipTo(s, header.MessageNumber, header.Sequence);
                RatchetKdf.Chain(s.ReceivingChain, messageKey);
                s.ReceivingCount++;
            }
            else
            {
                // A new ratchet key is only ever sent after every message of the chains before it, so
                // an honest one comes with a counter above all counters opened so far. Anything else is
                // an old chain whose keys are gone: classify it without spending a DH ratchet step on it.
                if (header.Sequence <= s.HighestSequenceOpened)
                {
                    throw Refusal(s, header, packet);
                }
                if (s.HasReceivingChain)
                {
                    SkipTo(s, header.PreviousChainLength, header.Sequence);
                }
                if (header.MessageNumber > RatchetSession.MaxForwardSkip)
                {
                    throw Errors.RatchetTooFarAhead(header.Sequence, header.MessageNumber, RatchetSession.MaxForwardSkip);
                }
                DhRatchet(s, header.RatchetKey, random);
                SkipTo(s, header.MessageNumber, header.Sequence);
                RatchetKdf.Chain(s.ReceivingChain, messageKey);
                s.ReceivingCount++;
            }
        }

        // Why a packet with no key left is refused, from the log of recently opened counters.
        private static RatchetException Refusal(RatchetState s, RatchetHeader header, byte[] packet)
        {
            int logged = s.Received.Find(header.Sequence);
            if (logged >= 0)
            {
                return s.Received.SameTag(logged, packet, packet.Length - RatchetPacket.TagSize)
                    ? Errors.RatchetDuplicate(header.Sequence)
                    : Errors.RatchetRolledBack(header.Sequence);
            }
            return Errors.RatchetTooOld(header.Sequence, RatchetSession.MaxSkippedKeys, RatchetSession.SkippedKeyLifetime);
        }

        // Derives the receiving chain up to message `until`, keeping the last RatchetSession.MaxSkippedKeys of the keys passed.
        private static void SkipTo(RatchetState s, uint until, uint sequence)
        {
            if (!s.HasReceivingChain || until <= s.ReceivingCount)
            {
                return;
            }
            uint gap = until - s.ReceivingCount;
            if (gap > RatchetSession.MaxForwardSkip)
            {
                throw Errors.RatchetTooFarAhead(sequence, gap, RatchetSession.MaxForwardSkip);
            }
            byte[] messageKey = new byte[RatchetKdf.KeySize];
            while (s.ReceivingCount < until)
            {
                RatchetKdf.Chain(s.ReceivingChain, messageKey);
                if (until - s.ReceivingCount <= RatchetSession.MaxSkippedKeys)
                {
                    s.Skipped.Add(s.ReceivingKey, s.ReceivingCount, messageKey, s.OpenedCount);
                }
                s.ReceivingCount++;
            }
            CryptoBytes.Wipe(messageKey);
        }

        // Double Ratchet section 3.5, DHRatchet: a receiving chain from the peer's new key, then a new
        // key pair of our own and a sending chain from it.
        private static void DhRatchet(RatchetState s, byte[] peerKey, IRandomSource random)
        {
            s.PreviousSendingCount = s.SendingCount;
            s.SendingCount = 0;
            s.ReceivingCount = 0;
            Array.Copy(peerKey, s.ReceivingKey, X25519.KeySize);
            byte[] dh = new byte[X25519.KeySize];
            try
            {
                if (!X25519.ScalarMult(dh, s.SendingSecret, s.ReceivingKey))
                {
                    throw Errors.RatchetBadKey("the peer's ratchet key");
                }
                RatchetKdf.Root(s.RootKey, s.ReceivingChain, dh);
                s.HasReceivingChain = true;
                random.Fill(s.SendingSecret, 0, X25519.ScalarSize);
                X25519.ScalarMultBase(s.SendingPublic, s.SendingSecret);
                X25519.ScalarMult(dh, s.SendingSecret, s.ReceivingKey);
                RatchetKdf.Root(s.RootKey, s.SendingChain, dh);
            }
            finally
            {
                CryptoBytes.Wipe(dh);
            }
        }

        internal static bool SameKey(byte[] a, byte[] b)
        {
            for (int i = 0; i < X25519.KeySize; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
