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

        private const string Id = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";

        [Theory]
        [InlineData(Id)]
        [InlineData("  " + Id + " \t\r\n")]
        [InlineData("05D2AD010EEB72D72E561D9DE7BD7B6989AF77DCABFFA03A5111A6C859AE5C3A72")]
        public void Parse_SessionId_TrimsAndAcceptsUpperCase(string text)
        {
            Assert.Equal(s_key, SessionId.Parse(text));
            Assert.Equal(s_key, SessionId.TryParse(text));
        }

        [Theory]
        [InlineData(null, "no Session ID given: expected 66 hex digits starting 05")]
        [InlineData("   ", "no Session ID given: expected 66 hex digits starting 05")]
        [InlineData("05d2ad", "a Session ID has 66 characters (05 and 64 hex digits), this has 6")]
        [InlineData(Id + "00", "a Session ID has 66 characters (05 and 64 hex digits), this has 68")]
        [InlineData("05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a7z", "character 'z' at position 66 is not a hex digit (0-9, a-f)")]
        [InlineData("05d2ad010eeb72d72e561d9de7bd7b 989af77dcabffa03a5111a6c859ae5c3a72", "character ' ' at position 31 is not a hex digit (0-9, a-f)")]
        [InlineData("15d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72", "a Session ID starts with 05, this starts with 15 (a blinded community ID)")]
        [InlineData("25d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72", "a Session ID starts with 05, this starts with 25 (a blinded community ID)")]
        [InlineData("03d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72", "a Session ID starts with 05, this starts with 03 (a group)")]
        [InlineData("06d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72", "a Session ID starts with 05, this starts with 06")]
        public void Parse_NotASessionId_SaysWhichRuleFailed(string text, string expected)
        {
            var error = Assert.Throws<FormatException>(() => SessionId.Parse(text));
            Assert.Equal(expected, error.Message);
            Assert.Null(SessionId.TryParse(text, out string problem));
            Assert.Equal(expected, problem);
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
