namespace SessionBeacon.Config
{
    /// <summary>One <c>key = value</c> line of a configuration file.</summary>
    public sealed class ConfigEntry
    {
        internal ConfigEntry(string key, string value, int line)
        {
            Key = key;
            Value = value;
            Line = line;
        }

        /// <summary>The key, as written (keys are lowercase).</summary>
        public string Key { get; }

        /// <summary>The value with surrounding spaces removed; may be empty.</summary>
        public string Value { get; }

        /// <summary>The 1-based line number, for error messages.</summary>
        public int Line { get; }
    }
}
