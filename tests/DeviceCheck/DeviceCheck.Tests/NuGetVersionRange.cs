using System;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// A nuspec dependency's version range: "1.2.3" (at least 1.2.3), "[1.2.3, )", "(1.0, 2.0]",
    /// "[1.2.3]" (exactly). Versions here are plain numbers (major.minor.patch[.revision]).
    /// </summary>
    public sealed class NuGetVersionRange
    {
        private NuGetVersionRange(Version minimum, bool minimumInclusive, Version maximum, bool maximumInclusive, string text)
        {
            Minimum = minimum;
            MinimumInclusive = minimumInclusive;
            Maximum = maximum;
            MaximumInclusive = maximumInclusive;
            Text = text;
        }

        public Version Minimum { get; }

        public bool MinimumInclusive { get; }

        /// <summary>Null when there is no upper bound.</summary>
        public Version Maximum { get; }

        public bool MaximumInclusive { get; }

        public string Text { get; }

        public static NuGetVersionRange Parse(string text)
        {
            string range = text.Trim();
            if (range.Length == 0)
            {
                throw new FormatException("empty version range");
            }
            if (range[0] != '[' && range[0] != '(')
            {
                return new NuGetVersionRange(ParseVersion(range), true, null, false, text);
            }
            char last = range[range.Length - 1];
            if (last != ']' && last != ')')
            {
                throw new FormatException("version range '" + text + "' does not end with ] or )");
            }
            string[] bounds = range.Substring(1, range.Length - 2).Split(',');
            if (bounds.Length == 1)
            {
                Version exact = ParseVersion(bounds[0].Trim());
                return new NuGetVersionRange(exact, true, exact, true, text);
            }
            if (bounds.Length != 2)
            {
                throw new FormatException("version range '" + text + "' has more than two bounds");
            }
            return new NuGetVersionRange(
                bounds[0].Trim().Length == 0 ? null : ParseVersion(bounds[0].Trim()), range[0] == '[',
                bounds[1].Trim().Length == 0 ? null : ParseVersion(bounds[1].Trim()), last == ']',
                text);
        }

        public bool Contains(Version version)
        {
            if (Minimum != null && (MinimumInclusive ? version < Minimum : version <= Minimum))
            {
                return false;
            }
            return Maximum == null || (MaximumInclusive ? version <= Maximum : version < Maximum);
        }

        public override string ToString() => Text;

        /// <summary>A package version: "1.17.11", or "1" for 1.0.</summary>
        public static Version ParseVersion(string text)
        {
            if (!Version.TryParse(text.Contains('.') ? text : text + ".0", out Version version))
            {
                throw new FormatException("'" + text + "' is not a package version");
            }
            return version;
        }
    }
}
