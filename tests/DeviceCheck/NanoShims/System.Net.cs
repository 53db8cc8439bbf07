// Compile-only shim of nanoFramework.System.Net 1.11.54 (assembly System.Net): sockets, DNS, TLS
// (SslStream over mbedTLS), X509Certificate and the network helper's status, with exactly the
// members src/SessionBeacon.Esp32 calls and the signatures of nanoframework/System.Net
// nanoFramework.System.Net/{DNS.cs, IPAddress.cs, IPEndPoint.cs, IPHostEntry.cs, Sockets/*.cs,
// Security/SslStream.cs, Security/NetworkSecurity.cs, Security/CertificateManager.cs,
// X509Certificates/X509Certificate.cs, NetworkHelper/NetworkHelperStatus.cs} (see README.md).
// Never run: every body throws.
namespace System.Net
{
    using System.Net.Sockets;

    /// <summary>nanoFramework: a network address.</summary>
    public abstract class EndPoint
    {
    }

    /// <summary>nanoFramework: an IP address.</summary>
    public class IPAddress
    {
        private IPAddress()
        {
        }

        /// <summary>The address family (InterNetwork or InterNetworkV6).</summary>
        public AddressFamily AddressFamily => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: an IP address and port.</summary>
    public class IPEndPoint : EndPoint
    {
        /// <summary>The end point <paramref name="address"/>:<paramref name="port"/>.</summary>
        public IPEndPoint(IPAddress address, int port) => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: the answer of a DNS look-up.</summary>
    public class IPHostEntry
    {
        /// <summary>The host's addresses.</summary>
        public IPAddress[] AddressList => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: name resolution.</summary>
    public static class Dns
    {
        /// <summary>Resolves a host name or an address literal.</summary>
        public static IPHostEntry GetHostEntry(string hostNameOrAddress) => throw new NotImplementedException();
    }
}

namespace System.Net.Sockets
{
    using System.IO;

    /// <summary>nanoFramework: address families.</summary>
    public enum AddressFamily
    {
        /// <summary>IPv4.</summary>
        InterNetwork = 2,

        /// <summary>IPv6.</summary>
        InterNetworkV6 = 23,
    }

    /// <summary>nanoFramework: socket types.</summary>
    public enum SocketType
    {
        /// <summary>A byte stream (TCP).</summary>
        Stream = 1,
    }

    /// <summary>nanoFramework: protocols.</summary>
    public enum ProtocolType
    {
        /// <summary>TCP.</summary>
        Tcp = 6,
    }

    /// <summary>nanoFramework: a BSD-style socket.</summary>
    public class Socket : IDisposable
    {
        /// <summary>Creates a socket.</summary>
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) => throw new NotImplementedException();

        /// <summary>Milliseconds a send may block.</summary>
        public int SendTimeout
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Milliseconds a receive may block.</summary>
        public int ReceiveTimeout
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Connects to <paramref name="remoteEP"/>.</summary>
        public void Connect(EndPoint remoteEP) => throw new NotImplementedException();

        /// <summary>Sets an option to the bytes given, passed to the network stack as they are.</summary>
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, byte[] optionValue) => throw new NotImplementedException();

        /// <summary>Closes the socket.</summary>
        public void Close() => throw new NotImplementedException();

        /// <summary>Closes the socket; callable only through IDisposable (a using statement), as upstream.</summary>
        void IDisposable.Dispose() => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: option levels (Sockets/SocketOptionLevel.cs).</summary>
    public enum SocketOptionLevel
    {
        /// <summary>Options for the socket itself.</summary>
        Socket = 0xffff,
    }

    /// <summary>nanoFramework: option names (Sockets/SocketOptionName.cs).</summary>
    public enum SocketOptionName
    {
        /// <summary>The send timeout.</summary>
        SendTimeout = 0x1005,

        /// <summary>The receive timeout.</summary>
        ReceiveTimeout = 0x1006,
    }

    /// <summary>nanoFramework: a stream over a connected socket.</summary>
    public class NetworkStream : Stream
    {
        /// <summary>A stream over <paramref name="socket"/>, closing it when disposed if <paramref name="ownsSocket"/>.</summary>
        public NetworkStream(Socket socket, bool ownsSocket) => throw new NotImplementedException();

        /// <summary>Reads from the socket.</summary>
        public override int Read(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <summary>Writes to the socket.</summary>
        public override void Write(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <summary>Nothing to flush: writes go straight to the socket.</summary>
        public override void Flush() => throw new NotImplementedException();
    }
}

namespace System.Net.Security
{
    using System.Net.Sockets;
    using System.Security.Cryptography.X509Certificates;

    /// <summary>nanoFramework: TLS versions (flags, with the numbers of .NET's SslProtocols).</summary>
    [Flags]
    public enum SslProtocols
    {
        /// <summary>None chosen.</summary>
        None = 0,

        /// <summary>TLS 1.2.</summary>
        Tls12 = 3072,
    }

    /// <summary>nanoFramework: how the peer's certificate is verified.</summary>
    public enum SslVerification
    {
        /// <summary>Not verified.</summary>
        NoVerification = 1,

        /// <summary>Verified when sent.</summary>
        VerifyPeer = 2,

        /// <summary>Required and verified against the CA certificate.</summary>
        CertificateRequired = 4,

        /// <summary>Server side only.</summary>
        VerifyClientOnce = 8,
    }

    /// <summary>nanoFramework: a TLS stream (mbedTLS underneath).</summary>
    public class SslStream : NetworkStream
    {
        /// <summary>A TLS stream over a connected socket; disposing it closes the socket.</summary>
        public SslStream(Socket socket) : base(socket, false) => throw new NotImplementedException();

        /// <summary>The verification scheme; CertificateRequired by default.</summary>
        public SslVerification SslVerification
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Runs the client handshake with an optional client certificate and the CA certificate to verify the server against.</summary>
        public void AuthenticateAsClient(string targetHost, X509Certificate clientCertificate, X509Certificate ca, SslProtocols enabledSslProtocols) => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: the CA root bundle kept in the device's configuration.</summary>
    public static class CertificateManager
    {
        /// <summary>Stores <paramref name="ca"/> as the device's CA root bundle, replacing the one stored.</summary>
        public static bool AddCaCertificateBundle(byte[] ca) => throw new NotImplementedException();
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    /// <summary>nanoFramework: an X.509 certificate (DER or PEM).</summary>
    public class X509Certificate
    {
        /// <summary>Parses a DER or PEM certificate.</summary>
        public X509Certificate(byte[] certificate) => throw new NotImplementedException();
    }
}

namespace nanoFramework.Networking
{
    /// <summary>nanoFramework: the state of the network helpers, in the package's order.</summary>
    public enum NetworkHelperStatus
    {
        /// <summary>No state.</summary>
        None,

        /// <summary>Started, waiting for the requested condition.</summary>
        Started,

        /// <summary>Connected, with an address (and a date, if one was required).</summary>
        NetworkIsReady,

        /// <summary>No network interface is configured.</summary>
        FailedNoNetworkInterface,

        /// <summary>The token expired waiting for an IP address.</summary>
        TokenExpiredWaitingIPAddress,

        /// <summary>The token expired waiting for a valid date.</summary>
        TokenExpiredWaitingDateTime,

        /// <summary>Joining failed during the scan.</summary>
        ErrorConnetingToWiFiWhileScanning,

        /// <summary>An exception occurred; see HelperException.</summary>
        ExceptionOccurred,

        /// <summary>The address was lost; waiting for it to come back.</summary>
        Reconnecting,
    }
}
