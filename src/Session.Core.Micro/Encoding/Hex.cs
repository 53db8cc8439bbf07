namespace Session.Core.Micro.Encoding
{
    /// <summary>Lowercase hexadecimal, as Session IDs and the wire protocol write bytes.</summary>
    public static class Hex
    {
        public static string Encode(byte[] data)
        {
            char[] chars = new char[data.Length * 2];
            for (int i = 0; i < data.Length; i++)
            {
                chars[2 * i] = Digit(data[i] >> 4);
                chars[2 * i + 1] = Digit(data[i] & 0xF);
            }
            return new string(chars);
        }

        private static char Digit(int v)
        {
            return (char)(v < 10 ? '0' + v : 'a' + v - 10);
        }
    }
}
