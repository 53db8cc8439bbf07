using System;
using Session.Core.Micro.Crypto;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>
    /// The device has about 80 KB of heap, so the curve code's memory use is part of its contract:
    /// field arithmetic allocates nothing, and a scalar multiplication allocates only its fixed
    /// per-call scratch, however much work it does. docs/performance.md reports the figures.
    /// </summary>
    public class CurveAllocationTests
    {
        private readonly ITestOutputHelper _output;

        public CurveAllocationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void FieldArithmetic_AllocatesNothing()
        {
            int[] f = Element(3);
            int[] g = Element(5);
            int[] h = new int[10];
            int[] t0 = new int[10];
            int[] t1 = new int[10];
            int[] t2 = new int[10];
            Field25519.Invert(h, f, t0, t1, t2);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                Field25519.Mul(h, f, g);
                Field25519.Square(h, h);
                Field25519.Add(h, h, g);
                Field25519.Sub(h, h, f);
                Field25519.Mul121666Add(h, h, g);
                Field25519.ConditionalSwap(f, g, i & 1);
                Field25519.Invert(h, f, t0, t1, t2);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void ScalarMultiplication_AllocatesTheSameFixedScratchEveryCall()
        {
            var random = new Random(1);
            byte[] secret = new byte[32];
            byte[] point = new byte[32];
            byte[] output = new byte[32];
            byte[] seed = new byte[32];
            byte[] edPublic = new byte[Ed25519.PublicKeySize];
            byte[] edSecret = new byte[Ed25519.SecretKeySize];
            byte[] signature = new byte[Ed25519.SignatureSize];
            byte[] message = new byte[200];
            random.NextBytes(secret);
            random.NextBytes(seed);
            X25519.ScalarMultBase(point, secret);
            Ed25519.KeyPairFromSeed(edPublic, edSecret, seed);

            long x25519 = PerCall(() => X25519.ScalarMult(output, secret, point));
            long x25519Base = PerCall(() => X25519.ScalarMultBase(output, secret));
            long sign = PerCall(() => Ed25519.Sign(signature, edSecret, message));
            long verify = PerCall(() => Ed25519.Verify(signature, message, edPublic));
            _output.WriteLine("bytes per call: X25519 " + x25519 + ", X25519 base " + x25519Base + ", sign " + sign + ", verify " + verify);
            // A fixed scratch set: a few kilobytes at most, never growing with the 255-step ladder.
            Assert.InRange(x25519, 1, 1024);
            Assert.InRange(sign, 1, 4096);
            Assert.InRange(verify, 1, 6144);
        }

        private static long PerCall(Action operation)
        {
            operation();
            long before = GC.GetAllocatedBytesForCurrentThread();
            operation();
            long one = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                operation();
            }
            Assert.Equal(10 * one, GC.GetAllocatedBytesForCurrentThread() - before);
            return one;
        }

        private static int[] Element(int seed)
        {
            var random = new Random(seed);
            int[] limbs = new int[10];
            for (int i = 0; i < 10; i++)
            {
                limbs[i] = random.Next(1 << 24);
            }
            return limbs;
        }
    }
}
