// The English word list of Session recovery phrases (docs/protocol.md §1.2), loaded from the embedded
// data file english-words.txt, whose header names its upstream source. 1,626 words; each is known
// by its first 3 letters (the unique prefix length), so a phrase survives typos after them.
using System;
using System.Collections.Generic;
using System.IO;

namespace SessionBeacon.Harness.Identity
{
    /// <summary>The 1,626 English recovery-phrase words and their 3-letter prefixes.</summary>
    internal sealed class MnemonicWordList
    {
        /// <summary>The number of words: every phrase word is a digit in base 1626.</summary>
        public const int Size = 1626;

        /// <summary>Letters that identify a word: decoders match on these only.</summary>
        public const int PrefixLength = 3;

        private const string ResourceName = "SessionBeacon.Harness.Identity.english-words.txt";

        private static readonly Lazy<MnemonicWordList> s_english = new Lazy<MnemonicWordList>(Load);

        private readonly string[] _words;
        private readonly Dictionary<string, int> _byPrefix;

        private MnemonicWordList(string[] words)
        {
            if (words.Length != Size)
            {
                throw Errors.WordList("it has " + words.Length + " words instead of " + Size);
            }
            _words = words;
            _byPrefix = new Dictionary<string, int>(Size, StringComparer.Ordinal);
            for (int i = 0; i < words.Length; i++)
            {
                if (words[i].Length < PrefixLength || !_byPrefix.TryAdd(Prefix(words[i]), i))
                {
                    throw Errors.WordList("word " + (i + 1) + ", '" + words[i] + "', does not have a unique " + PrefixLength + "-letter prefix");
                }
            }
        }

        /// <summary>The English list, loaded once.</summary>
        public static MnemonicWordList English => s_english.Value;

        /// <summary>The word at <paramref name="index"/>, 0 to 1625.</summary>
        public string this[int index] => _words[index];

        /// <summary>
        /// The index of the list word that <paramref name="word"/> stands for, matched case-insensitively
        /// on its first 3 letters, or -1 when there is none.
        /// </summary>
        public int IndexOf(string word)
        {
            return _byPrefix.TryGetValue(Prefix(word), out int index) ? index : -1;
        }

        /// <summary>The first 3 letters of <paramref name="word"/>, lowercased (all of it when shorter).</summary>
        public static string Prefix(string word)
        {
            string lower = word.ToLowerInvariant();
            return lower.Length <= PrefixLength ? lower : lower.Substring(0, PrefixLength);
        }

        // One word a line; '#' starts a comment line (the source header), blank lines are ignored.
        private static MnemonicWordList Load()
        {
            using Stream stream = typeof(MnemonicWordList).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw Errors.WordList("resource " + ResourceName + " is missing from the harness assembly");
            using var reader = new StreamReader(stream);
            var words = new List<string>(Size);
            string line;
            while ((line = reader.ReadLine()) != null)
            {
                line = line.Trim();
                if (line.Length > 0 && line[0] != '#')
                {
                    words.Add(line);
                }
            }
            return new MnemonicWordList(words.ToArray());
        }
    }
}
