// Options that several commands share, and option kinds whose bad values get the harness's own
// one-line message ("--nodes must be a whole number from 1 to 1000, not '0'") rather than the parser's.
using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SessionBeacon.Harness
{
    /// <summary>Builds the options the commands have in common.</summary>
    internal static class CommonOptions
    {
        /// <summary>--verbose, accepted after any command: failures also print their stack trace.</summary>
        public static Option<bool> Verbose() => new Option<bool>("--verbose")
        {
            Description = "on a failure, also print the stack trace",
            Recursive = true,
        };

        /// <summary>--json: the result as JSON on standard output (JsonOutput.cs), everything else on standard error.</summary>
        public static Option<bool> Json() => new Option<bool>("--json")
        {
            Description = "write the result as JSON on standard output (docs/scripting.md); messages and progress go to standard error",
        };

        /// <summary>--progress: progress lines on standard error even when it is not a terminal (logs, tests).</summary>
        public static Option<bool> Progress() => new Option<bool>("--progress")
        {
            Description = "print progress lines on standard error even when it is not a terminal (they are printed at a terminal anyway)",
        };

        /// <summary>--data DIR, the folder of an identity or a testnet.</summary>
        public static Option<string> Data(string description, bool required = true) => Text("--data", "DIR", description, required);

        /// <summary>--seed-url URL: the seed of a testnet (with --seed-pin); neither means mainnet.</summary>
        public static Option<string> SeedUrl() => Text("--seed-url", "URL", "a testnet's seed (what 'testnet up' prints); give --seed-pin with it; neither means mainnet", false);

        /// <summary>--seed-pin PIN: the pin of the testnet seed's certificate.</summary>
        public static Option<string> SeedPin() => Text("--seed-pin", "PIN", "the pin of the testnet seed's certificate (what 'testnet up' prints)", false);

        /// <summary>A text option.</summary>
        public static Option<string> Text(string name, string helpName, string description, bool required) => new Option<string>(name)
        {
            HelpName = helpName,
            Description = description,
            Required = required,
        };

        /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; required when <paramref name="defaultValue"/> is null.</summary>
        public static Option<int> Integer(string name, string helpName, string description, int? defaultValue, int minimum, int maximum)
        {
            var option = new Option<int>(name)
            {
                HelpName = helpName,
                Description = description,
                Required = defaultValue == null,
                CustomParser = result =>
                {
                    string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < minimum || value > maximum)
                    {
                        result.AddError(name + " must be a whole number from " + minimum + " to " + maximum + ", not '" + text + "'");
                        return 0;
                    }
                    return value;
                },
            };
            if (defaultValue != null)
            {
                int fallback = defaultValue.Value;
                option.DefaultValueFactory = _ => fallback;
            }
            return option;
        }

        /// <summary>One of <paramref name="values"/>; the message lists them.</summary>
        public static Option<string> Choice(string name, string description, string defaultValue, params string[] values)
        {
            var option = new Option<string>(name)
            {
                HelpName = string.Join("|", values),
                Description = description,
                CustomParser = result => Pick(result, name, values),
            };
            if (defaultValue != null)
            {
                option.DefaultValueFactory = _ => defaultValue;
            }
            return option;
        }

        /// <summary>A number parsed by <paramref name="parse"/>, which returns null for a bad value; <paramref name="rule"/> goes into the message.</summary>
        public static Option<T> Parsed<T>(string name, string helpName, string description, string rule, Func<string, T?> parse)
            where T : struct
        {
            return new Option<T>(name)
            {
                HelpName = helpName,
                Description = description,
                CustomParser = result =>
                {
                    string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                    T? value = parse(text);
                    if (value == null)
                    {
                        result.AddError(name + " must be " + rule + ", not '" + text + "'");
                        return default;
                    }
                    return value.Value;
                },
            };
        }

        private static string Pick(ArgumentResult result, string name, string[] values)
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Array.IndexOf(values, text) < 0)
            {
                string choices = values.Length == 2 ? values[0] + " or " + values[1] : string.Join(", ", values);
                result.AddError(name + " must be " + choices + ", not '" + text + "'");
            }
            return text;
        }
    }
}
