using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Messages
{
    // docs/performance.md, "Message layer": bytes allocated to build one 200-byte alert payload, and
    // by which step. Figures are .NET 10 managed allocations (GC.GetAllocatedBytesForCurrentThread),
    // a proxy for the device heap: object headers and array sizes differ a little on nanoCLR.
    // Reproduce: dotnet test tests/Session.Core.Micro.Tests -c Release --filter "FullyQualifiedName~AllocationTests" --logger "console;verbosity=detailed"
    public class AllocationTests
    {
        private const long Sent = 1764237600000;
        private readonly ITestOutputHelper _output;

        public AllocationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private sealed class PatternSource : IRandomSource
        {
            public void Fill(byte[] buffer, int offset, int count)
            {
                for (int i = 0; i < count; i++)
                {
                    buffer[offset + i] = (byte)(i * 29 + 7);
                }
            }
        }

        private static long Allocated(Action action)
        {
            action();
            const int Rounds = 20;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Rounds; i++)
            {
                action();
            }
            return (GC.GetAllocatedBytesForCurrentThread() - before) / Rounds;
        }

        [Fact]
        public void Encode_200ByteAlert_AllocationReport()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(new byte[32]);
            byte[] recipientSeed = new byte[32];
            recipientSeed[0] = 1;
            IdentityKeys recipient = IdentityKeys.FromSeed(recipientSeed);
            var random = new PatternSource();
            var content = new ContentMessage(new string('A', 200), "SessionBeacon", Sent);
            byte[] payload = MessageEncoder.Encode(sender, recipient.X25519PublicKey, content, random);

            // The parts a pre-armed alert prepares before the press: the seal to the recipient and the decoy proSig.
            byte[] ephemeralSecret = new byte[32];
            random.Fill(ephemeralSecret, 0, 32);
            byte[] ephemeralPublic = new byte[32];
            X25519.ScalarMultBase(ephemeralPublic, ephemeralSecret);
            byte[] proSignature = new byte[64];
            DecoyProSignature.Write(proSignature, 0, random);

            long output = Allocated(() => GC.KeepAlive(new byte[payload.Length]));
            long full = Allocated(() => MessageEncoder.Encode(sender, recipient.X25519PublicKey, content, random)) - output;
            // Each round needs a fresh sealing key (one message per key): measure its preparation apart and subtract it.
            long prepare = Allocated(() => SealingKey.Prepare(recipient.X25519PublicKey, ephemeralPublic, ephemeralSecret));
            long pressTime = Allocated(() => MessageEncoder.Encode(sender, content, SealingKey.Prepare(recipient.X25519PublicKey, ephemeralPublic, ephemeralSecret), proSignature))
                - output - prepare;

            byte[] signature = new byte[64];
            byte[] inner = new byte[320 + 96];
            byte[] sealedBox = new byte[inner.Length + 48];
            long sign = Allocated(() => Ed25519.Sign(signature, sender.Ed25519SecretKey, inner, 0, 320 + 64));
            long seal = Allocated(() => SealingKey.Prepare(recipient.X25519PublicKey, ephemeralPublic, ephemeralSecret).Seal(sealedBox, 0, inner, 0, inner.Length)) - prepare;
            long ephemeral = Allocated(() => X25519.ScalarMultBase(ephemeralPublic, ephemeralSecret));
            long decoy = Allocated(() => DecoyProSignature.Write(proSignature, 0, random));

            _output.WriteLine("payload: " + payload.Length + " B (the output array itself: " + output + " B allocated)");
            _output.WriteLine("full Encode, beyond the output: " + full + " B");
            _output.WriteLine("press time with the seal and the decoy prepared, beyond the output: " + pressTime + " B");
            _output.WriteLine("press time: Ed25519.Sign over 384 B: " + sign + " B; XSalsa20-Poly1305 of 416 B: " + seal + " B");
            _output.WriteLine("prepared ahead: ephemeral public key " + ephemeral + " B, seal preparation (box key, nonce) " + prepare + " B, decoy proSig " + decoy + " B");
            _output.WriteLine("message layer's own buffers and writers: " + (pressTime - sign - seal) + " B");

            // The budget: at most 4 KB beyond the output to build the alert at press time.
            Assert.InRange(pressTime, 0, 4096);
            // The message layer itself stays near its INNER buffer plus small objects.
            Assert.InRange(pressTime - sign - seal, 0, 1200);
        }
    }
}
