using System;
using System.Security.Cryptography;
using Session.Core.Micro.Crypto;

namespace SessionBeacon.EndToEnd.Tests.Support
{
    /// <summary>The operating system's CSPRNG as the core's random source.</summary>
    public sealed class SystemRandom : IRandomSource
    {
        public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
    }
}
