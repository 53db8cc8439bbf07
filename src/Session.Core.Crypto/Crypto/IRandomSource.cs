namespace Session.Core.Micro.Crypto
{
    /// <summary>
    /// Where every random byte of the core comes from. The device reads the ESP32's hardware RNG,
    /// the harness the operating system's CSPRNG, and tests a seeded fake, so every output can be
    /// reproduced byte for byte in a test.
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>Fills <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        void Fill(byte[] buffer, int offset, int count);
    }
}
