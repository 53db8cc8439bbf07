// The seed nodes' certificates on the internal drive (nanoFramework only): I:\seed1.pem to
// I:\seed3.pem, PEM or DER, as docs/provisioning.md ("Seed certificates") says how to fetch and
// check them. TlsHttpTransport keeps only those whose key matches a seed's pin, so a stray or
// wrong file is ignored rather than trusted.
using SessionBeacon.Storage;

namespace SessionBeacon.Esp32
{
    /// <summary>Loads the seed certificates that are present.</summary>
    public static class SeedCertificateFiles
    {
        /// <summary>Where the certificates are looked for, in order.</summary>
        public static readonly string[] Paths = { "I:\\seed1.pem", "I:\\seed2.pem", "I:\\seed3.pem" };

        /// <summary>The contents of every file in <see cref="Paths"/> that exists on <paramref name="drive"/>.</summary>
        public static byte[][] Load(IFileSystem drive)
        {
            int present = 0;
            for (int i = 0; i < Paths.Length; i++)
            {
                if (drive.Exists(Paths[i]))
                {
                    present++;
                }
            }
            var certificates = new byte[present][];
            int at = 0;
            for (int i = 0; i < Paths.Length && at < present; i++)
            {
                if (drive.Exists(Paths[i]))
                {
                    certificates[at++] = drive.ReadAllBytes(Paths[i]);
                }
            }
            return certificates;
        }
    }
}
