using System.Linq;
using SessionBeacon.Harness.Receiver;
using Xunit;

namespace SessionBeacon.Harness.Tests.Receiver
{
    public class TerminalTextTests
    {
        [Theory]
        [InlineData("\u001b[2K", "\\x1b[2K")]
        [InlineData("a\rb", "a\\x0db")]
        [InlineData("\u0000\u0007\u0008\t\u001f", "\\x00\\x07\\x08\\x09\\x1f")]
        [InlineData("\u007f\u0080\u009b31m\u009f", "\\x7f\\x80\\x9b31m\\x9f")]
        [InlineData("\u202a\u202b\u202c\u202d\u202e", "\\u202a\\u202b\\u202c\\u202d\\u202e")]
        [InlineData("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069")]
        [InlineData("\u2028\u2029", "\\u2028\\u2029")]
        [InlineData("one\ntwo\n", "one\n  | two\n  | ")]
        public void Neutralise_ControlsAndBidi_VisibleEscapes_NewlineAContinuation(string text, string expected)
        {
            Assert.Equal(expected, TerminalText.Neutralise(text));
        }

        [Fact]
        public void Neutralise_PrintableText_Unchanged()
        {
            const string text = "PANIC: help at the back door \\x1b (ünïcode, عربي, 中文, 🚨) ~!@#$%^&*()[]{}";
            Assert.Equal(text, TerminalText.Neutralise(text));
            Assert.Equal("", TerminalText.Neutralise(null));
        }

        [Fact]
        public void Neutralise_EveryCharacter_NoControlLeftButNewlines()
        {
            string all = new string(Enumerable.Range(0, 0x10000).Where(c => c < 0xd800 || c > 0xdfff).Select(c => (char)c).ToArray());
            string safe = TerminalText.Neutralise(all);
            Assert.DoesNotContain(safe, c => c != '\n' && (char.IsControl(c) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029'));
        }
    }
}
