// Text from the network on a terminal. Anyone who knows a Session ID can write to its inbox, so a
// message's text, and any error message that quotes a node's reply, may carry terminal controls: a
// carriage return and an erase-line sequence (ESC [ 2 K) that wipe the line listen printed, a new
// line that starts like a real "from 05...:" line, colours, a bell, or bidi overrides that show text
// in another order than it is stored. Everything listen prints for a person passes through
// Neutralise first: C0 and C1 controls and DEL become visible escapes (\x1b, \x0d, \x9b: an escape
// sequence loses its ESC or CSI and shows as plain text), the bidi embeddings, overrides and isolates
// (U+202A..U+202E, U+2066..U+2069) and the line and paragraph separators (U+2028, U+2029) become
// \uXXXX, and a newline starts a continuation line marked "  | ", which no line of listen's own
// begins with. JSON output (--json) and SESSIONBEACON_TEXT get the exact text instead: the
// serializer escapes it, and a program is not a terminal.
using System.Globalization;
using System.Text;

namespace SessionBeacon.Harness.Receiver
{
    /// <summary>Makes remote text safe to print on a terminal.</summary>
    public static class TerminalText
    {
        /// <summary>What each continuation line of a multi-line text starts with.</summary>
        public const string Continuation = "  | ";

        /// <summary>
        /// <paramref name="text"/> with every control character, escape sequence introducer and bidi control
        /// shown as a visible escape, and each newline followed by <see cref="Continuation"/>.
        /// </summary>
        public static string Neutralise(string text)
        {
            if (text == null)
            {
                return "";
            }
            var safe = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c == '\n')
                {
                    safe.Append('\n').Append(Continuation);
                }
                else if (c < ' ' || (c >= '\u007f' && c <= '\u009f'))
                {
                    safe.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                }
                else if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029')
                {
                    safe.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    safe.Append(c);
                }
            }
            return safe.ToString();
        }
    }
}
