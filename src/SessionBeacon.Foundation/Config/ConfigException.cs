using System;

namespace SessionBeacon.Config
{
    /// <summary>
    /// A configuration file has problems. <see cref="Problems"/> lists every one of them, each with
    /// its file, line and what was expected, so a user can fix them all in one pass.
    /// </summary>
    public sealed class ConfigException : Exception
    {
        internal ConfigException(string[] problems)
            : base(Join(problems))
        {
            Problems = problems;
        }

        /// <summary>One line per problem, such as "nf.config line 12: recipient is not a Session ID ...".</summary>
        public string[] Problems { get; }

        private static string Join(string[] problems)
        {
            string text = problems.Length == 1 ? "1 configuration problem:" : problems.Length.ToString() + " configuration problems:";
            foreach (string problem in problems)
            {
                text += "\n  " + problem;
            }
            return text;
        }
    }
}
