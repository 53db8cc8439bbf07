// A device's nf.config made from the shipped one: its comments, alert texts and timings are kept,
// and the lines of the keys that provisioning decides (network, board, device.name, recipients)
// are replaced where they first stood, so the file still reads in the shipped order. Commented-out
// examples ("#   recipient.prekey = ...") stay as they are.
using System;
using System.Collections.Generic;

namespace SessionBeacon.Harness.Provisioning
{
    /// <summary>Replaces the active lines of given keys in an nf.config text.</summary>
    public static class ConfigTemplate
    {
        /// <summary>
        /// <paramref name="template"/> with every active line of a key in <paramref name="keys"/> removed and
        /// <paramref name="lines"/> put where the first of them stood (at the end when there was none).
        /// </summary>
        public static string Replace(string template, string[] keys, string[] lines)
        {
            ArgumentNullException.ThrowIfNull(template);
            ArgumentNullException.ThrowIfNull(keys);
            ArgumentNullException.ThrowIfNull(lines);
            string[] source = template.Replace("\r\n", "\n").Split('\n');
            var result = new List<string>();
            bool placed = false;
            foreach (string line in source)
            {
                string key = KeyOf(line);
                if (key == null || Array.IndexOf(keys, key) < 0)
                {
                    result.Add(line);
                    continue;
                }
                if (!placed)
                {
                    result.AddRange(lines);
                    placed = true;
                }
            }
            if (!placed)
            {
                if (result.Count > 0 && result[^1].Length == 0)
                {
                    result.RemoveAt(result.Count - 1);
                }
                result.AddRange(lines);
                result.Add("");
            }
            return string.Join("\n", result);
        }

        // The key of a "key = value" line; null for comments, blank lines and anything else.
        private static string KeyOf(string line)
        {
            string trimmed = line.Trim();
            int equals = trimmed.IndexOf('=');
            if (trimmed.Length == 0 || trimmed[0] == '#' || equals <= 0)
            {
                return null;
            }
            return trimmed.Substring(0, equals).Trim();
        }
    }
}
