using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>An <see cref="IRandomSource"/> drawing from a <see cref="SeededRandom"/>, so a randomised run replays from its printed seed.</summary>
    public sealed class SeededRandomSource : IRandomSource
    {
        private readonly SeededRandom _random;

        public SeededRandomSource(SeededRandom random)
        {
            _random = random;
        }

        public void Fill(byte[] buffer, int offset, int count)
        {
            _random.Bytes(count).CopyTo(buffer, offset);
        }
    }
}
