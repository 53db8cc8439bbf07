// Builds the bytes posted to a guard's /onion_req/v2 (docs/protocol.md §4.2-4.3), xchacha20 on
// every layer. With layers 0 (guard) .. n-1 (destination), and P_i the plaintext sealed to node i:
//   P_{n-1} = LE32(|body|) || body || {"headers":""}
//   P_{i-1} = LE32(|C_i|) || C_i || {"destination":"<ed25519 of node i>","ephemeral_key":"<E_i>","enc_type":"xchacha20"}
//   wire    = LE32(|C_0|) || C_0 || {"ephemeral_key":"<E_0>","enc_type":"xchacha20"}
// where C_i = nonce || XChaCha20-Poly1305(K_i, P_i) || tag. The layers nest at fixed offsets
// (each adds LE32 + nonce in front), so the whole request is written into one array from the
// inside out and every layer is sealed in place: one allocation of the final size, plus a
// 24-byte nonce. The keys come from OnionKeys, so all X25519 work is done before this runs.
// Limit: the body must leave the request under the 10 MiB a storage server accepts.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Onion
{
    /// <summary>Wraps a request body in onion layers for a path and destination.</summary>
    public static class OnionBuilder
    {
        /// <summary>The largest request a storage server accepts (10 MiB).</summary>
        public const int MaxRequestSize = 10 * 1024 * 1024;

        private const int LengthSize = 4;
        private const int HexKeySize = 64;
        private const int LayerHead = LengthSize + HopEncryption.NonceSize;

        private static readonly byte[] s_trailer = Utf8.Encode("{\"headers\":\"\"}");
        private static readonly byte[] s_destination = Utf8.Encode("{\"destination\":\"");
        private static readonly byte[] s_ephemeralFirst = Utf8.Encode("{\"ephemeral_key\":\"");
        private static readonly byte[] s_ephemeralNext = Utf8.Encode("\",\"ephemeral_key\":\"");
        private static readonly byte[] s_encType = Utf8.Encode("\",\"enc_type\":\"xchacha20\"}");

        /// <summary>
        /// Seals <paramref name="body"/> (the UTF-8 JSON {"method","params"}) in one layer per key in
        /// <paramref name="keys"/>, drawing a fresh 24-byte nonce per layer from <paramref name="random"/>.
        /// </summary>
        /// <returns>The bytes to POST to keys.Guard's /onion_req/v2.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">The request would exceed MaxRequestSize.</exception>
        /// <exception cref="System.InvalidOperationException">The keys were wiped.</exception>
        public static byte[] Build(OnionKeys keys, byte[] body, IRandomSource random)
        {
            if (keys == null)
            {
                throw Errors.Null("keys");
            }
            if (body == null)
            {
                throw Errors.Null("body");
            }
            if (random == null)
            {
                throw Errors.Null("random");
            }
            if (keys.IsWiped)
            {
                throw Errors.KeysWiped();
            }
            int layers = keys.LayerCount;
            int relayJson = s_destination.Length + HexKeySize + s_ephemeralNext.Length + HexKeySize + s_encType.Length;
            int guardJson = s_ephemeralFirst.Length + HexKeySize + s_encType.Length;

            // Sizes from the inside out: plain[i] = |P_i|.
            int[] plain = new int[layers];
            long size = LengthSize + (long)body.Length + s_trailer.Length;
            plain[layers - 1] = (int)(size > MaxRequestSize ? MaxRequestSize : size);
            for (int i = layers - 2; i >= 0; i--)
            {
                size = LengthSize + size + HopEncryption.Overhead + relayJson;
                plain[i] = (int)(size > MaxRequestSize ? MaxRequestSize : size);
            }
            size = LengthSize + size + HopEncryption.Overhead + guardJson;
            if (size > MaxRequestSize)
            {
                throw Errors.RequestTooLarge("body", MaxRequestSize);
            }

            byte[] wire = new byte[(int)size];
            int at = LayerHead * layers;
            WriteLength(wire, at, body.Length);
            System.Array.Copy(body, 0, wire, at + LengthSize, body.Length);
            System.Array.Copy(s_trailer, 0, wire, at + LengthSize + body.Length, s_trailer.Length);

            byte[] nonce = new byte[HopEncryption.NonceSize];
            for (int i = layers - 1; i >= 0; i--)
            {
                // P_i starts at LayerHead * (i + 1); its sealed form C_i starts a nonce earlier.
                int plainAt = LayerHead * (i + 1);
                int sealedAt = plainAt - HopEncryption.NonceSize;
                random.Fill(nonce, 0, nonce.Length);
                HopEncryption.SealInPlace(wire, sealedAt, plain[i], keys.LayerKey(i), nonce);
                int sealedLength = plain[i] + HopEncryption.Overhead;
                WriteLength(wire, sealedAt - LengthSize, sealedLength);
                int json = sealedAt + sealedLength;
                if (i == 0)
                {
                    json = Put(wire, json, s_ephemeralFirst);
                }
                else
                {
                    json = Put(wire, json, s_destination);
                    json = PutHex(wire, json, keys.Node(i).Ed25519Raw);
                    json = Put(wire, json, s_ephemeralNext);
                }
                json = PutHex(wire, json, keys.EphemeralRaw(i));
                Put(wire, json, s_encType);
            }
            return wire;
        }

        private static void WriteLength(byte[] buffer, int at, int value)
        {
            buffer[at] = (byte)value;
            buffer[at + 1] = (byte)(value >> 8);
            buffer[at + 2] = (byte)(value >> 16);
            buffer[at + 3] = (byte)(value >> 24);
        }

        private static int Put(byte[] buffer, int at, byte[] text)
        {
            System.Array.Copy(text, 0, buffer, at, text.Length);
            return at + text.Length;
        }

        private static int PutHex(byte[] buffer, int at, byte[] data)
        {
            for (int i = 0; i < data.Length; i++)
            {
                int high = data[i] >> 4;
                int low = data[i] & 0xF;
                buffer[at++] = (byte)(high < 10 ? '0' + high : 'a' + high - 10);
                buffer[at++] = (byte)(low < 10 ? '0' + low : 'a' + low - 10);
            }
            return at;
        }
    }
}
