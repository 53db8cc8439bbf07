// Real storage nodes and seeds serve HTTPS with a self-signed RSA certificate made at start
// (docs/protocol.md §3.8); clients pin the seed's key instead of trusting a CA.
using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Session.Testnet
{
    /// <summary>Makes the throw-away TLS certificates of test nodes, and the pin clients check.</summary>
    public static class SelfSignedCertificate
    {
        /// <summary>A fresh RSA-2048 certificate for <paramref name="host"/>, valid for ten years.</summary>
        public static X509Certificate2 Create(string host)
        {
            using RSA rsa = RSA.Create(2048);
            return Create(host, rsa);
        }

        /// <summary>
        /// A certificate for <paramref name="host"/> on an existing RSA key. A network run makes one key and gives
        /// every node its own certificate on it: RSA-2048 key generation costs tens of milliseconds per key, and
        /// clients never verify node certificates (docs/protocol.md §3.8), so sharing the key hides nothing they check.
        /// </summary>
        public static X509Certificate2 Create(string host, RSA rsa)
        {
            var request = new CertificateRequest("CN=" + host, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Parse(host));
            request.CertificateExtensions.Add(names.Build());
            X509Certificate2 made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            if (!OperatingSystem.IsWindows())
            {
                // OpenSSL serves TLS with the ephemeral key as it is (and the certificate holds its own reference to it).
                return made;
            }
            // Windows' TLS stack cannot use an ephemeral key: round-trip through PKCS#12 (about 50 ms, so only there).
            using (made)
            {
                return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
            }
        }

        /// <summary>The pin of a certificate: base64 of SHA-256 over its SubjectPublicKeyInfo, as Session desktop pins seeds.</summary>
        public static string Pin(X509Certificate2 certificate)
        {
            return Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        }
    }
}
