using System.Text;

namespace Session.Testnet
{
    /// <summary>z-base-32, used only for the deprecated "&lt;key&gt;.snode" address in get_swarm answers.</summary>
    public static class ZBase32
    {
        private const string Alphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";

        public static string Encode(byte[] data)
        {
            var text = new StringBuilder((data.Length * 8 + 4) / 5);
            int buffer = 0;
            int bits = 0;
            foreach (byte b in data)
            {
                buffer = (buffer << 8) | b;
                bits += 8;
                while (bits >= 5)
                {
                    bits -= 5;
                    text.Append(Alphabet[(buffer >> bits) & 31]);
                }
            }
            if (bits > 0)
            {
                text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
            }
            return text.ToString();
        }
    }
}
