using System;
using Session.Core.Micro.Identity;
using Xunit;

namespace Session.Core.Micro.Tests.Identity
{
    public class SessionIdTests
    {
        private static readonly byte[] s_key = Convert.FromHexString("d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72");

        [Fact]
        public void FromPublicKey_TryParse_RoundTrip()
        {
            string id = SessionId.FromPublicKey(s_key);
            Assert.Equal(SessionId.TextLength, id.Length);
            Assert.StartsWith("05", id);
            Assert.Equal(s_key, SessionId.TryParse(id));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("05d2ad")]
        [InlineData("15d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72")]
        [InlineData("03d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72")]
        [InlineData("05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a7z")]
        [InlineData("05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a7200")]
        public void TryParse_NotASessionId_Null(string text)
        {
            Assert.Null(SessionId.TryParse(text));
        }

        [Fact]
        public void FromPublicKey_WrongLength_Throws()
        {
            var error = Assert.Throws<ArgumentException>(() => SessionId.FromPublicKey(new byte[31]));
            Assert.StartsWith("x25519PublicKey must be 32 bytes", error.Message);
        }
    }
}
