using System;

namespace SessionBeacon.Harness
{
    /// <summary>
    /// The harness's messages, in one place. Each says what was wrong and, where a user can act, what
    /// to do about it.
    /// </summary>
    internal static class Errors
    {
        public static ArgumentException EntropyLength(int length)
        {
            return new ArgumentException("entropy must be 16 bytes (13-word phrase) or 32 bytes (25-word phrase), not " + length, "entropy");
        }

        public static ArgumentException NotMultipleOf(string parameter, int unit, string what)
        {
            return new ArgumentException(parameter + " must be a multiple of " + unit + " " + what, parameter);
        }

        public static FormatException PhraseWordCount(int count)
        {
            string hint = count == 12 || count == 24 ? " (is the last word, the checksum, missing?)" : "";
            return new FormatException("a recovery phrase has 13 or 25 words, this one has " + count + hint);
        }

        public static FormatException UnknownWord(int position, string word)
        {
            return new FormatException("word " + position + ", '" + word + "', is not in the English word list: check its spelling (the first 3 letters count)");
        }

        public static FormatException PhraseChecksum(string lastWord, string expected)
        {
            return new FormatException("the last word, '" + lastWord + "', does not match the checksum of the others (expected '" + expected
                + "'): one of the words is wrong or they are out of order");
        }

        public static FormatException PhraseValueOverflow(int firstPosition, string words)
        {
            return new FormatException("words " + firstPosition + " to " + (firstPosition + 2) + " ('" + words
                + "') do not encode a 32-bit value: one of them is wrong");
        }

        public static InvalidOperationException WordList(string problem)
        {
            return new InvalidOperationException("the embedded English word list is damaged: " + problem);
        }
    }
}
