using System;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Ratchet
{
    /// <summary>
    /// The heap a ratchet send and an acknowledgement take (.NET's managed allocations, a proxy for the
    /// device's heap): the same every call, whatever the state holds, and within the budgets that
    /// docs/performance.md reports.
    /// </summary>
    public class RatchetAllocationTests
    {
        private const int SendBudget = 8 * 1024;
        private const int AcknowledgementBudget = 20 * 1024;

        private readonly ITestOutputHelper _output;

        public RatchetAllocationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        // Keeps the state in one preallocated buffer, so the store itself allocates nothing per save
        // (these tests never load it back).
        private sealed class InPlaceStore : MemoryStateStore
        {
            private readonly byte[] _state = new byte[RatchetSession.StateSize];

            public override void Save(byte[] state)
            {
                Array.Copy(state, _state, state.Length);
            }
        }

        private static long Allocated(Action action)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        [Fact]
        public void Encrypt_AllocatesTheSameBoundedAmountEveryCall()
        {
            var pair = new RatchetPair(61, new InPlaceStore(), new InPlaceStore());
            var (beacon, receiver) = pair.Pair(new byte[200]);
            beacon.Decrypt(receiver.Encrypt(new byte[10]));
            var alert = new byte[200];
            beacon.Encrypt(alert);
            long first = Allocated(() => beacon.Encrypt(alert));
            for (int i = 0; i < 20; i++)
            {
                Assert.Equal(first, Allocated(() => beacon.Encrypt(alert)));
            }
            _output.WriteLine("ratchet send of a 200-byte alert: " + first + " B allocated (the packet itself is " + (200 + RatchetPacket.HeaderSize + RatchetPacket.TagSize) + " B)");
            Assert.InRange(first, 1, SendBudget);
        }

        [Fact]
        public void Decrypt_AcknowledgementWithDhStep_WithinBudget()
        {
            var pair = new RatchetPair(62, new InPlaceStore(), new InPlaceStore());
            var (beacon, receiver) = pair.Pair(new byte[200]);
            byte[] ack = receiver.Encrypt(new byte[10]);
            long bytes = Allocated(() => beacon.Decrypt(ack));
            _output.WriteLine("ratchet acknowledgement open with a DH step: " + bytes + " B allocated");
            Assert.InRange(bytes, 1, AcknowledgementBudget);
        }
    }
}
