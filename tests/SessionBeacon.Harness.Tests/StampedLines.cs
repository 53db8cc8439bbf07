using System.Collections.Generic;
using System.Text.RegularExpressions;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>One output line that starts with a time stamp (HH:mm:ss.fff): its line number, its time in ms and the text after the stamp.</summary>
    public sealed record StampedLine(int Line, long Ms, string Text);

    /// <summary>The time-stamped lines of a run's output, to check that every stamp comes from one clock.</summary>
    public static class StampedLines
    {
        private const long Day = 24 * 3600 * 1000;

        private static readonly Regex s_stamp = new Regex(@"^\s*(\d\d):(\d\d):(\d\d)\.(\d\d\d)  (.*?)\s*$");

        /// <summary>Every stamped line in order; a run that passes midnight goes on counting from the day before.</summary>
        public static List<StampedLine> Of(string output)
        {
            var lines = new List<StampedLine>();
            string[] all = output.Split('\n');
            long day = 0;
            long last = 0;
            for (int i = 0; i < all.Length; i++)
            {
                Match m = s_stamp.Match(all[i]);
                if (!m.Success)
                {
                    continue;
                }
                long ms = ((int.Parse(m.Groups[1].Value) * 60 + int.Parse(m.Groups[2].Value)) * 60 + int.Parse(m.Groups[3].Value)) * 1000 + int.Parse(m.Groups[4].Value);
                if (ms + day < last - Day / 2)
                {
                    day += Day;
                }
                last = ms + day;
                lines.Add(new StampedLine(i, last, m.Groups[5].Value));
            }
            return lines;
        }

        /// <summary>Fails at the first stamp earlier than the one before it.</summary>
        public static void AssertNeverBackwards(List<StampedLine> lines)
        {
            for (int i = 1; i < lines.Count; i++)
            {
                Assert.True(lines[i].Ms >= lines[i - 1].Ms, "the time goes backwards from '" + lines[i - 1].Text + "' (" + lines[i - 1].Ms + " ms) to '"
                    + lines[i].Text + "' (" + lines[i].Ms + " ms)");
            }
        }
    }
}
