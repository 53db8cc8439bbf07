// The plain "key = value" format of nf.config and the board profiles (docs/architecture.md,
// Configuration and boards). The device has no JSON library, so the format stays line-based:
//   # a comment line
//   key = value
// Keys are lowercase letters, digits, '.', '_' and '-'. A value runs to the end of the line, so
// alert texts may hold '#' or '='. A key may repeat only where the reader allows a list.
using System.Collections;

namespace SessionBeacon.Config
{
    /// <summary>A parsed configuration file that collects every problem found in it.</summary>
    public sealed class ConfigFile
    {
        private readonly ArrayList _entries = new ArrayList();
        private readonly ArrayList _problems = new ArrayList();

        private ConfigFile(string sourceName)
        {
            SourceName = sourceName;
        }

        /// <summary>The name used in messages, such as "nf.config".</summary>
        public string SourceName { get; }

        /// <summary>True when parsing or a reader has found a problem.</summary>
        public bool HasProblems => _problems.Count > 0;

        /// <summary>Parses <paramref name="text"/>; syntax problems are recorded, not thrown.</summary>
        public static ConfigFile Parse(string text, string sourceName)
        {
            var file = new ConfigFile(sourceName);
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                file.ParseLine(lines[i].Trim(), i + 1);
            }
            return file;
        }

        /// <summary>Records a problem at <paramref name="line"/>.</summary>
        public void Report(int line, string message)
        {
            _problems.Add(SourceName + " line " + line.ToString() + ": " + message);
        }

        /// <summary>Records a problem that belongs to no line, such as a missing key.</summary>
        public void Report(string message)
        {
            _problems.Add(SourceName + ": " + message);
        }

        /// <summary>Throws a <see cref="ConfigException"/> listing every problem, if there is any.</summary>
        /// <exception cref="ConfigException">At least one problem was recorded.</exception>
        public void ThrowIfProblems()
        {
            if (_problems.Count > 0)
            {
                throw new ConfigException((string[])_problems.ToArray(typeof(string)));
            }
        }

        /// <summary>Adds every problem recorded so far to <paramref name="problems"/>, in the order found.</summary>
        internal void CopyProblemsTo(ArrayList problems)
        {
            foreach (string problem in _problems)
            {
                problems.Add(problem);
            }
        }

        /// <summary>The entry for a key that may appear once; reports a repeat; null when absent.</summary>
        public ConfigEntry Single(string key)
        {
            ConfigEntry found = null;
            foreach (ConfigEntry entry in _entries)
            {
                if (entry.Key == key)
                {
                    if (found != null)
                    {
                        Report(entry.Line, "'" + key + "' is already set on line " + found.Line.ToString() + "; give it once");
                    }
                    else
                    {
                        found = entry;
                    }
                }
            }
            return found;
        }

        /// <summary>The line of the first entry for <paramref name="key"/>, or 0 when there is none; unlike <see cref="Single"/>, reports nothing.</summary>
        public int FirstLine(string key)
        {
            foreach (ConfigEntry entry in _entries)
            {
                if (entry.Key == key)
                {
                    return entry.Line;
                }
            }
            return 0;
        }

        /// <summary>Every entry for a list key, in file order.</summary>
        public ConfigEntry[] All(string key)
        {
            var matches = new ArrayList();
            foreach (ConfigEntry entry in _entries)
            {
                if (entry.Key == key)
                {
                    matches.Add(entry);
                }
            }
            return (ConfigEntry[])matches.ToArray(typeof(ConfigEntry));
        }

        /// <summary>Every entry whose key starts with <paramref name="prefix"/>, in file order.</summary>
        public ConfigEntry[] StartingWith(string prefix)
        {
            var matches = new ArrayList();
            foreach (ConfigEntry entry in _entries)
            {
                if (entry.Key.StartsWith(prefix))
                {
                    matches.Add(entry);
                }
            }
            return (ConfigEntry[])matches.ToArray(typeof(ConfigEntry));
        }

        /// <summary>Reports every key that is not in <paramref name="knownKeys"/> (a misspelt key must not pass unnoticed).</summary>
        public void ReportUnknownKeys(string[] knownKeys)
        {
            ReportUnknownKeys(knownKeys, null);
        }

        /// <summary>
        /// Reports every key that is not in <paramref name="knownKeys"/>, except those starting with
        /// <paramref name="checkedElsewhere"/>, whose reader knows better what was meant (WifiNetwork).
        /// </summary>
        public void ReportUnknownKeys(string[] knownKeys, string checkedElsewhere)
        {
            foreach (ConfigEntry entry in _entries)
            {
                if (System.Array.IndexOf(knownKeys, entry.Key) < 0 && (checkedElsewhere == null || !entry.Key.StartsWith(checkedElsewhere)))
                {
                    Report(entry.Line, "unknown key '" + entry.Key + "'");
                }
            }
        }

        /// <summary>The text of a key that may appear once, or <paramref name="defaultValue"/> when absent.</summary>
        public string Text(string key, string defaultValue)
        {
            ConfigEntry entry = Single(key);
            return entry == null ? defaultValue : entry.Value;
        }

        /// <summary>The non-empty text of a required key; reports it as missing, saying what it is for.</summary>
        public string RequiredText(string key, string meaning)
        {
            ConfigEntry entry = Single(key);
            if (entry == null || entry.Value.Length == 0)
            {
                Report("'" + key + "' is missing: " + meaning);
                return null;
            }
            return entry.Value;
        }

        /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or the default when absent.</summary>
        public int Integer(string key, int defaultValue, int min, int max)
        {
            ConfigEntry entry = Single(key);
            if (entry == null)
            {
                return defaultValue;
            }
            int value;
            if (!int.TryParse(entry.Value, out value) || value < min || value > max)
            {
                Report(entry.Line, "'" + key + "' must be a whole number from " + min.ToString() + " to " + max.ToString() + ", not '" + entry.Value + "'");
                return defaultValue;
            }
            return value;
        }

        /// <summary>0 (the feature is off) or a whole number in [<paramref name="min"/>, <paramref name="max"/>]; the default when absent, 0 after a problem.</summary>
        public int OffOrInteger(string key, int defaultValue, int min, int max)
        {
            ConfigEntry entry = Single(key);
            if (entry == null)
            {
                return defaultValue;
            }
            int value;
            if (!int.TryParse(entry.Value, out value) || (value != 0 && (value < min || value > max)))
            {
                Report(entry.Line, "'" + key + "' must be 0 (off) or a whole number from " + min.ToString() + " to " + max.ToString() + ", not '" + entry.Value + "'");
                return 0;
            }
            return value;
        }

        /// <summary>One of <paramref name="choices"/>, or the default when absent.</summary>
        public string Choice(string key, string defaultValue, string[] choices)
        {
            ConfigEntry entry = Single(key);
            if (entry == null)
            {
                return defaultValue;
            }
            if (System.Array.IndexOf(choices, entry.Value) < 0)
            {
                string list = "";
                foreach (string choice in choices)
                {
                    list += (list.Length == 0 ? "" : ", ") + choice;
                }
                Report(entry.Line, "'" + key + "' must be one of " + list + ", not '" + entry.Value + "'");
                return defaultValue;
            }
            return entry.Value;
        }

        private void ParseLine(string line, int number)
        {
            // A line starting with '#' is a comment.
            if (line.Length == 0 || line.IndexOf('#') == 0)
            {
                return;
            }
            int equals = line.IndexOf('=');
            if (equals < 0)
            {
                Report(number, "expected 'key = value'");
                return;
            }
            string key = line.Substring(0, equals).Trim();
            if (!IsKey(key))
            {
                Report(number, "'" + key + "' is not a key (lowercase letters, digits, '.', '_', '-')");
                return;
            }
            _entries.Add(new ConfigEntry(key, line.Substring(equals + 1).Trim(), number));
        }

        private static bool IsKey(string key)
        {
            if (key.Length == 0)
            {
                return false;
            }
            foreach (char c in key.ToCharArray())
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
