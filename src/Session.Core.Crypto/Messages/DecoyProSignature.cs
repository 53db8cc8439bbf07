// The proSig a sender without Session Pro writes into every envelope (docs/protocol.md §2.5 step 3,
// libsession since 2025-08): not a signature of anything, but shaped like a valid Ed25519 one so
// Pro and non-Pro envelopes look alike: R = r B for a random scalar r, then a random scalar S.
// Each scalar is 64 random bytes reduced mod L (uniform, and a fixed 128 random bytes per
// decoy, so a test with fixed randomness can reproduce it). Costs one fixed-base multiplication.
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Messages
{
    /// <summary>The decoy proSig of a sender without Session Pro (64 bytes, message-independent).</summary>
    public static class DecoyProSignature
    {
        /// <summary>Bytes of a decoy (R || S).</summary>
        public const int Size = 64;

        /// <summary>Bytes of random input a decoy takes.</summary>
        public const int RandomBytes = 2 * Scalar25519.WideSize;

        /// <summary>Writes a 64-byte decoy R || S into <paramref name="output"/> at <paramref name="offset"/>.</summary>
        public static void Write(byte[] output, int offset, IRandomSource random)
        {
            byte[] wide = new byte[Scalar25519.WideSize];
            byte[] r = new byte[Scalar25519.Size];
            long[] work = new long[Scalar25519.WorkLength];
            var w = new GroupElement25519.Workspace();
            var point = new GroupElement25519();
            try
            {
                random.Fill(wide, 0, wide.Length);
                Scalar25519.Reduce(r, 0, wide, 0, work);
                GroupElement25519.ScalarMultBase(point, r, 0, w);
                GroupElement25519.Encode(output, offset, point, w);
                random.Fill(wide, 0, wide.Length);
                Scalar25519.Reduce(output, offset + Scalar25519.Size, wide, 0, work);
            }
            finally
            {
                CryptoBytes.Wipe(wide);
                CryptoBytes.Wipe(r);
                System.Array.Clear(work, 0, work.Length);
                w.Wipe();
                point.Clear();
            }
        }
    }
}
