using System;
using System.Security.Cryptography;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>SHA-256 over a long keystream, produced in chunks so that the counter steps between calls are exercised too.</summary>
    public static class KeystreamDigest
    {
        public const int ChunkSize = 64 * 1024;

        /// <summary>(output, outputOffset, blockCounter, zeros, inputOffset, count) writes keystream for count bytes from blockCounter.</summary>
        public static byte[] Sha256(long length, Action<byte[], ulong, byte[], int> xorChunk)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] zeros = new byte[ChunkSize];
            byte[] chunk = new byte[ChunkSize];
            for (long done = 0; done < length; done += ChunkSize)
            {
                int n = (int)Math.Min(ChunkSize, length - done);
                xorChunk(chunk, (ulong)(done / 64), zeros, n);
                hash.AppendData(chunk, 0, n);
            }
            return hash.GetHashAndReset();
        }
    }
}
