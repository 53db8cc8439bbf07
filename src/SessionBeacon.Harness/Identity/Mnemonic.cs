// Session recovery phrases (docs/protocol.md §1.2): Electrum/Monero-style "electrum words" over the
// 1,626-word English list. Each 4-byte group, read as a little-endian uint32 x, becomes 3 words
// (w1 = x mod n, w2 = (x / n + w1) mod n, w3 = (x / n² + w2) mod n, n = 1626), and a checksum word
// follows: the data word at index CRC-32(concatenated 3-letter prefixes of the data words) mod the
// number of data words. 16 bytes of entropy make the 13-word account phrase (seed = entropy || 16
// zero bytes); 32 bytes make 25 words (libsession supports it; desktop rejects it).
// Decoding matches words on their first 3 letters, case-insensitively, as Session's decoders do,
// and reports an unknown word with its position, a wrong word count, a checksum that does not match
// and a word group worth more than 32 bits, each as a FormatException saying what to check.
// Desktop only: the word list is an embedded resource and the phrase is a secret a user types in.
using System;
using System.Buffers.Binary;
using System.Text;
using SessionBeacon.Storage;

namespace SessionBeacon.Harness.Identity
{
    /// <summary>Recovery phrases: entropy to words and back, with the checksum word.</summary>
    public static class Mnemonic
    {
        /// <summary>Entropy bytes of a Session account phrase (13 words).</summary>
        public const int AccountEntropySize = 16;

        /// <summary>Entropy bytes of a full-seed phrase (25 words).</summary>
        public const int FullEntropySize = 32;

        private const int GroupBytes = 4;
        private const int GroupWords = 3;

        /// <summary>
        /// The phrase for <paramref name="entropy"/>: 12 data words and a checksum word for 16 bytes,
        /// 24 and a checksum word for 32.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="entropy"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="entropy"/> is not 16 or 32 bytes.</exception>
        public static string[] Encode(byte[] entropy)
        {
            ArgumentNullException.ThrowIfNull(entropy);
            if (entropy.Length != AccountEntropySize && entropy.Length != FullEntropySize)
            {
                throw Errors.EntropyLength(entropy.Length);
            }
            string[] data = EncodeWords(entropy);
            string[] phrase = new string[data.Length + 1];
            Array.Copy(data, phrase, data.Length);
            phrase[data.Length] = data[ChecksumIndex(data)];
            return phrase;
        }

        /// <summary>
        /// The entropy in <paramref name="phrase"/>: 13 words give 16 bytes, 25 give 32. Words are
        /// separated by whitespace and matched on their first 3 letters, in any case.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="phrase"/> is null.</exception>
        /// <exception cref="FormatException">
        /// The phrase does not have 13 or 25 words, a word is not in the list (the message gives its
        /// position), a group of 3 words encodes more than 32 bits, or the last word does not match the
        /// checksum of the others.
        /// </exception>
        public static byte[] Decode(string phrase)
        {
            ArgumentNullException.ThrowIfNull(phrase);
            string[] words = phrase.Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != AccountEntropySize / GroupBytes * GroupWords + 1
                && words.Length != FullEntropySize / GroupBytes * GroupWords + 1)
            {
                throw Errors.PhraseWordCount(words.Length);
            }
            string[] data = words[..^1];
            byte[] entropy = DecodeWords(data);
            MnemonicWordList list = MnemonicWordList.English;
            int expected = list.IndexOf(data[ChecksumIndex(data)]);
            if (Index(list, words, words.Length - 1) != (ulong)expected)
            {
                Array.Clear(entropy);
                throw Errors.PhraseChecksum(words[^1], list[expected]);
            }
            return entropy;
        }

        /// <summary>The words for <paramref name="data"/> (a multiple of 4 bytes), 3 per 4 bytes, without a checksum word.</summary>
        internal static string[] EncodeWords(byte[] data)
        {
            if (data.Length % GroupBytes != 0)
            {
                throw Errors.NotMultipleOf(nameof(data), GroupBytes, "bytes");
            }
            MnemonicWordList list = MnemonicWordList.English;
            const uint n = MnemonicWordList.Size;
            string[] words = new string[data.Length / GroupBytes * GroupWords];
            for (int group = 0; group < data.Length / GroupBytes; group++)
            {
                uint x = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(group * GroupBytes));
                uint w1 = x % n;
                uint w2 = (x / n + w1) % n;
                uint w3 = (x / n / n + w2) % n;
                words[group * GroupWords] = list[(int)w1];
                words[group * GroupWords + 1] = list[(int)w2];
                words[group * GroupWords + 2] = list[(int)w3];
            }
            return words;
        }

        /// <summary>The bytes that <paramref name="words"/> (a multiple of 3, no checksum word) encode.</summary>
        /// <exception cref="FormatException">A word is not in the list, or a group of 3 encodes more than 32 bits.</exception>
        internal static byte[] DecodeWords(string[] words)
        {
            if (words.Length % GroupWords != 0)
            {
                throw Errors.NotMultipleOf(nameof(words), GroupWords, "words");
            }
            MnemonicWordList list = MnemonicWordList.English;
            const ulong n = MnemonicWordList.Size;
            byte[] data = new byte[words.Length / GroupWords * GroupBytes];
            for (int group = 0; group < words.Length / GroupWords; group++)
            {
                ulong w1 = Index(list, words, group * GroupWords);
                ulong w2 = Index(list, words, group * GroupWords + 1);
                ulong w3 = Index(list, words, group * GroupWords + 2);
                ulong x = w1 + n * ((n - w1 + w2) % n) + n * n * ((n - w2 + w3) % n);
                if (x > uint.MaxValue)
                {
                    Array.Clear(data);
                    throw Errors.PhraseValueOverflow(group * GroupWords + 1, string.Join(" ", words, group * GroupWords, GroupWords));
                }
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(group * GroupBytes), (uint)x);
            }
            return data;
        }

        // Which data word the checksum word repeats.
        private static int ChecksumIndex(string[] dataWords)
        {
            string prefixes = "";
            foreach (string word in dataWords)
            {
                prefixes += MnemonicWordList.Prefix(word);
            }
            byte[] bytes = Encoding.UTF8.GetBytes(prefixes);
            return (int)(Crc32.Compute(bytes, 0, bytes.Length) % (uint)dataWords.Length);
        }

        private static ulong Index(MnemonicWordList list, string[] words, int at)
        {
            int index = list.IndexOf(words[at]);
            if (index < 0)
            {
                throw Errors.UnknownWord(at + 1, words[at]);
            }
            return (ulong)index;
        }
    }
}
