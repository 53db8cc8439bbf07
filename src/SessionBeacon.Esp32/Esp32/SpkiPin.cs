// Certificate pins as the core's NetworkProfile states them (docs/protocol.md §3.8): base64 of
// SHA-256 over the certificate's DER-encoded SubjectPublicKeyInfo, the pin Session desktop uses for
// seeds. nanoFramework's TLS stack (mbedTLS) shows managed code neither the server's certificate
// nor a validation callback, so the device cannot hash what the server presents. Instead it is
// given the seed's certificate (PEM or DER) at provisioning, checks here that the certificate
// carries the pinned key, and then hands it to mbedTLS as the only trust anchor for that seed (see
// TlsHttpTransport). This file finds the SubjectPublicKeyInfo by walking the DER structure
// (RFC 5280 §4.1): Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL,
// serialNumber INTEGER, signature SEQUENCE, issuer SEQUENCE, validity SEQUENCE, subject SEQUENCE,
// subjectPublicKeyInfo SEQUENCE, ... }, ... }.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace SessionBeacon.Esp32
{
    /// <summary>Computes the SPKI pin of a certificate.</summary>
    internal static class SpkiPin
    {
        private const byte TagSequence = 0x30;
        private const byte TagInteger = 0x02;
        private const byte TagExplicitVersion = 0xA0;
        private const string PemBegin = "-----BEGIN CERTIFICATE-----";
        private const string PemEnd = "-----END CERTIFICATE-----";

        /// <summary>The certificate's DER bytes: <paramref name="certificate"/> itself when it is DER, decoded when it is PEM; null when neither.</summary>
        public static byte[] ToDer(byte[] certificate)
        {
            if (certificate == null || certificate.Length == 0)
            {
                return null;
            }
            if (certificate[0] == TagSequence)
            {
                return certificate;
            }
            string text;
            try
            {
                text = Utf8.Decode(certificate, 0, certificate.Length);
            }
            catch (MalformedDataException)
            {
                return null;
            }
            int begin = text.IndexOf(PemBegin);
            int end = text.IndexOf(PemEnd);
            if (begin < 0 || end < begin)
            {
                return null;
            }
            char[] body = text.Substring(begin + PemBegin.Length, end - begin - PemBegin.Length).ToCharArray();
            int kept = 0;
            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                if (c != '\r' && c != '\n' && c != ' ' && c != '\t')
                {
                    body[kept++] = c;
                }
            }
            return Base64.TryDecode(new string(body, 0, kept));
        }

        /// <summary>
        /// The DER of the first of <paramref name="certificates"/> (each PEM or DER, null entries allowed)
        /// whose SubjectPublicKeyInfo hashes to <paramref name="pin"/>, or null when none does. A certificate
        /// with another key is never chosen, whoever issued it: not the issuer's own certificate, not a
        /// sibling from the same CA.
        /// </summary>
        public static byte[] FindCertificate(string pin, byte[][] certificates)
        {
            for (int i = 0; pin != null && i < certificates.Length; i++)
            {
                byte[] der = ToDer(certificates[i]);
                if (der != null && Of(der) == pin)
                {
                    return der;
                }
            }
            return null;
        }

        /// <summary>The base64 SHA-256 of the DER certificate's SubjectPublicKeyInfo, or null when the DER is malformed.</summary>
        public static string Of(byte[] der)
        {
            if (der == null)
            {
                return null;
            }
            int at = 0;
            int length;
            // Into Certificate, then into tbsCertificate.
            if (!Enter(der, ref at, TagSequence, out length) || !Enter(der, ref at, TagSequence, out length))
            {
                return null;
            }
            if (at < der.Length && der[at] == TagExplicitVersion && !Skip(der, ref at, TagExplicitVersion))
            {
                return null;
            }
            if (!Skip(der, ref at, TagInteger))
            {
                return null;
            }
            // signature, issuer, validity, subject.
            for (int i = 0; i < 4; i++)
            {
                if (!Skip(der, ref at, TagSequence))
                {
                    return null;
                }
            }
            int start = at;
            if (!Skip(der, ref at, TagSequence))
            {
                return null;
            }
            var hash = new byte[Sha256.HashSize];
            Sha256.Hash(hash, 0, der, start, at - start);
            return Base64.Encode(hash);
        }

        // Moves past the tag and length of the element at 'at' (which must carry 'tag'); 'length' is its content length.
        private static bool Enter(byte[] der, ref int at, byte tag, out int length)
        {
            length = 0;
            if (at + 2 > der.Length || der[at] != tag)
            {
                return false;
            }
            int first = der[at + 1];
            at += 2;
            if (first < 0x80)
            {
                length = first;
            }
            else
            {
                int count = first & 0x7F;
                if (count < 1 || count > 3 || at + count > der.Length)
                {
                    return false;
                }
                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | der[at + i];
                }
                at += count;
            }
            return length <= der.Length - at;
        }

        // Moves past the whole element at 'at'.
        private static bool Skip(byte[] der, ref int at, byte tag)
        {
            int length;
            if (!Enter(der, ref at, tag, out length))
            {
                return false;
            }
            at += length;
            return true;
        }
    }
}
