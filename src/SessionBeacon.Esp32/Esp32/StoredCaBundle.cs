// The CA root bundle that nanoFramework keeps in the device's configuration (nanoFramework only),
// and why a seed's pin holds only without it (docs/provisioning.md, section 3).
//
// How the ESP32 firmware picks a TLS client's trusted roots (nanoframework/nf-interpreter at commit
// a3e8139a): SslStream.AuthenticateAsClient's CA certificate reaches SslNative.SecureClientInit
// (src/DeviceInterfaces/System.Net/sys_net_native_System_Net_Security_SslNative.cpp, InitHelper).
// That first builds the mbedTLS context, loading the stored bundle, when there is one, into its
// chain of trusted CAs (src/PAL/COM/sockets/ssl/MbedTLS/ssl_generic_init_internal.cpp), and then
// parses the app's CA certificate into the same chain (ssl_add_cert_auth_internal.cpp). So the
// app's certificate is added to the bundle's roots, not used instead of them: with a bundle stored,
// a seed's handshake accepts any certificate for the seed's name that chains to one of its roots,
// and the pin does not hold. nanoframework/System.Net (v1.11.54) shows the app neither the server's
// certificate nor a validation callback, so the app cannot check the pin itself after the
// handshake. What it can do is remove the bundle: CertificateManager.AddCaCertificateBundle with
// an empty array deletes a stored bundle on the ESP32 (targets/ESP32/_common/
// targetHAL_ConfigurationManager.cpp, ConfigurationManager_StoreConfigurationBlock, where a size
// of 0 clears it) and throws when there is none to delete. Whether one is stored is read from its
// file: since nf-interpreter keeps the configuration on littlefs (July 2024), the bundle is the file
// con_XB1_0.sys on the partition that is also the app's drive I: (targets/ESP32/_common/
// targetHAL_ConfigStorageLittlefs.c, ConfigStorage_GetConfigFileName; the marker "XB1" is in
// src/HAL/Include/nanoHAL_Network.h).
using System;
using System.IO;
using System.Net.Security;

namespace SessionBeacon.Esp32
{
    /// <summary>Finds and removes the CA root bundle stored in the device's configuration.</summary>
    public static class StoredCaBundle
    {
        /// <summary>Where the ESP32 firmware keeps the bundle.</summary>
        public const string FilePath = "I:\\con_XB1_0.sys";

        /// <summary>Whether a bundle is stored.</summary>
        public static bool IsStored
        {
            get { return File.Exists(FilePath); }
        }

        /// <summary>Removes the stored bundle; null once none is left, else the reason seeds must be refused.</summary>
        public static string Remove()
        {
            try
            {
                CertificateManager.AddCaCertificateBundle(new byte[0]);
            }
            catch (Exception)
            {
                // The firmware throws when there is no bundle to delete; the file below tells.
            }
            if (!File.Exists(FilePath))
            {
                return null;
            }
            return "the device keeps a CA root bundle (" + FilePath + ") that could not be removed, and its roots would pass"
                + " any certificate for a seed's name: seeds are refused; erase the flash (nanoff --masserase) and copy the device's files again";
        }
    }
}
