using System;
using System.Security.Cryptography;
using Session.Core.Micro.Crypto;

namespace SessionBeacon.Harness.Network
{
    /// <summary>The operating system's CSPRNG as the core's random source.</summary>
    public sealed class SystemRandom : IRandomSource
    {
        public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
    }
}
