using System;
using System.Collections.Generic;

namespace SessionBeacon.Harness
{
    /// <summary>Options of the form "--name value" after a command name; anything else is a usage error.</summary>
    public sealed class Arguments
    {
        private readonly Dictionary<string, string> _options = new Dictionary<string, string>(StringComparer.Ordinal);

        private Arguments()
        {
        }

        /// <summary>Parses <paramref name="arguments"/>, allowing only <paramref name="allowed"/> option names.</summary>
        /// <exception cref="ArgumentException">An unknown option, a repeated one, or one without a value; the message says which.</exception>
        public static Arguments Parse(string[] arguments, params string[] allowed)
        {
            var parsed = new Arguments();
            for (int i = 0; i < arguments.Length; i++)
            {
                string name = arguments[i];
                if (Array.IndexOf(allowed, name) < 0)
                {
                    throw new ArgumentException("unknown option '" + name + "'; expected " + string.Join(", ", allowed));
                }
                if (i + 1 == arguments.Length)
                {
                    throw new ArgumentException("option '" + name + "' needs a value");
                }
                if (!parsed._options.TryAdd(name, arguments[++i]))
                {
                    throw new ArgumentException("option '" + name + "' is given twice");
                }
            }
            return parsed;
        }

        public string Get(string name, string defaultValue)
        {
            return _options.TryGetValue(name, out string value) ? value : defaultValue;
        }
    }
}
