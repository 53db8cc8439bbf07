using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SessionBeacon.Esp32;
using Xunit;

namespace SessionBeacon.Tests.Esp32
{
    /// <summary>The device's SPKI pin (its own DER walk) against .NET's X509 implementation.</summary>
    public class SpkiPinTests
    {
        public static TheoryData<string> KeyKinds => new TheoryData<string> { "ecdsa-p256", "rsa-2048" };

        [Theory]
        [MemberData(nameof(KeyKinds))]
        public void Of_Der_EqualsDotNetsSubjectPublicKeyInfoHash(string kind)
        {
            using X509Certificate2 certificate = SelfSigned(kind);
            string expected = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

            Assert.Equal(expected, SpkiPin.Of(SpkiPin.ToDer(certificate.RawData)));
        }

        [Theory]
        [MemberData(nameof(KeyKinds))]
        public void ToDer_Pem_GivesTheSameBytes(string kind)
        {
            using X509Certificate2 certificate = SelfSigned(kind);
            byte[] pem = Encoding.ASCII.GetBytes("a comment line\r\n" + certificate.ExportCertificatePem() + "\n");

            Assert.Equal(certificate.RawData, SpkiPin.ToDer(pem));
        }

        [Fact]
        public void Of_VersionOneCertificateWithoutVersionField_IsFound()
        {
            // A v1 tbsCertificate starts with the serial number: no [0] version element before it.
            using X509Certificate2 certificate = SelfSigned("ecdsa-p256");
            byte[] spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
            byte[] tbs = Sequence(Concat(new byte[] { 0x02, 0x01, 0x01 }, Sequence(new byte[0]), Sequence(new byte[0]), Sequence(new byte[0]), Sequence(new byte[0]), spki));
            byte[] der = Sequence(Concat(tbs, Sequence(new byte[0]), new byte[] { 0x03, 0x01, 0x00 }));

            Assert.Equal(Convert.ToBase64String(SHA256.HashData(spki)), SpkiPin.Of(der));
        }

        [Fact]
        public void Of_TruncatedDer_IsNull()
        {
            using X509Certificate2 certificate = SelfSigned("rsa-2048");
            byte[] der = certificate.RawData;
            for (int length = 0; length < 400; length += 7)
            {
                Assert.Null(SpkiPin.Of(der.AsSpan(0, length).ToArray()));
            }
        }

        [Fact]
        public void ToDer_NotACertificate_IsNull()
        {
            Assert.Null(SpkiPin.ToDer(Encoding.ASCII.GetBytes("hello")));
            Assert.Null(SpkiPin.ToDer(new byte[0]));
            Assert.Null(SpkiPin.ToDer(Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\n***\n-----END CERTIFICATE-----\n")));
            Assert.Null(SpkiPin.ToDer(new byte[] { 0xFF, 0xFE, 0xC3 }));
        }

        [Fact]
        public void FindCertificate_AmongTheSameCasCertificates_ChoosesOnlyThePinnedKey()
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using X509Certificate2 ca = Authority(caKey);
            using X509Certificate2 pinned = Issued(ca, caKey);
            using X509Certificate2 sibling = Issued(ca, caKey);
            string pin = Convert.ToBase64String(SHA256.HashData(pinned.PublicKey.ExportSubjectPublicKeyInfo()));
            byte[] pinnedPem = Encoding.ASCII.GetBytes(pinned.ExportCertificatePem());

            Assert.Equal(pinned.RawData, SpkiPin.FindCertificate(pin, new[] { sibling.RawData, ca.RawData, null, pinnedPem }));
        }

        [Fact]
        public void FindCertificate_OnlyTheCaAndASiblingWithAnotherKey_FindsNone()
        {
            // The same subject and issuer as the pinned certificate: only the key tells them apart.
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using X509Certificate2 ca = Authority(caKey);
            using X509Certificate2 pinned = Issued(ca, caKey);
            using X509Certificate2 sibling = Issued(ca, caKey);
            string pin = Convert.ToBase64String(SHA256.HashData(pinned.PublicKey.ExportSubjectPublicKeyInfo()));

            Assert.Equal(pinned.SubjectName.Name, sibling.SubjectName.Name);
            Assert.Null(SpkiPin.FindCertificate(pin, new[] { sibling.RawData, ca.RawData, Encoding.ASCII.GetBytes("not a certificate") }));
        }

        [Fact]
        public void FindCertificate_NoPin_FindsNone()
        {
            using X509Certificate2 certificate = SelfSigned("ecdsa-p256");

            Assert.Null(SpkiPin.FindCertificate(null, new[] { certificate.RawData }));
        }

        private static X509Certificate2 Authority(ECDsa key)
        {
            var request = new CertificateRequest("CN=Seed Test CA", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            var notBefore = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            return request.CreateSelfSigned(notBefore, notBefore.AddYears(10));
        }

        // A certificate for seed.test with a fresh key, signed by the CA.
        private static X509Certificate2 Issued(X509Certificate2 ca, ECDsa caKey)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=seed.test", key, HashAlgorithmName.SHA256);
            var notBefore = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            byte[] serial = RandomNumberGenerator.GetBytes(8);
            return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), notBefore, notBefore.AddYears(1), serial);
        }

        private static X509Certificate2 SelfSigned(string kind)
        {
            var name = new X500DistinguishedName("CN=seed.test");
            var notBefore = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            CertificateRequest request;
            switch (kind)
            {
                case "ecdsa-p256":
                    request = new CertificateRequest(name, ECDsa.Create(ECCurve.NamedCurves.nistP256), HashAlgorithmName.SHA256);
                    break;
                default:
                    // RSA-2048: certificate and key info over 255 bytes, so DER uses two-byte lengths.
                    request = new CertificateRequest(name, RSA.Create(2048), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    break;
            }
            return request.CreateSelfSigned(notBefore, notBefore.AddYears(10));
        }

        private static byte[] Sequence(byte[] content)
        {
            byte[] header = content.Length < 0x80
                ? new byte[] { 0x30, (byte)content.Length }
                : new byte[] { 0x30, 0x82, (byte)(content.Length >> 8), (byte)content.Length };
            return Concat(header, content);
        }

        private static byte[] Concat(params byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts)
            {
                length += part.Length;
            }
            var all = new byte[length];
            int at = 0;
            foreach (byte[] part in parts)
            {
                part.CopyTo(all, at);
                at += part.Length;
            }
            return all;
        }
    }
}
