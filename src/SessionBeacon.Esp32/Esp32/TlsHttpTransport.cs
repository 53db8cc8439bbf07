// IHttpTransport on the device (nanoFramework only): one HTTP/1.1 POST per TCP connection, over
// TLS 1.2 for https:// (nanoFramework's SslStream, mbedTLS underneath) and in the clear for a
// testnet's http:// seed. One request at a time: a lock serialises callers, because a TLS session
// costs about 33 KB of native heap and the ESP32 has room for one (docs/portable-csharp.md §5).
//
// What the device checks (docs/protocol.md §3.8, NetworkProfile; docs/provisioning.md, section 3):
// - Seeds (a URL on a seed's scheme, host and port): nanoFramework offers no access to the
//   certificate a server presents and no validation callback; its TLS options are a CA
//   certificate, a verification level (SslVerification) and the protocol version. So the device
//   is given each seed's certificate at provisioning (PEM or DER). At construction the transport
//   keeps, for each seed, the given certificate whose SubjectPublicKeyInfo hashes to the seed's
//   pin (SpkiPin.FindCertificate). A request to that seed then runs the handshake with
//   SslVerification.CertificateRequired (the only level at which the firmware verifies at all)
//   and that certificate as the CA. The firmware adds it to the CA root bundle stored in the
//   device's configuration, if there is one, so before each such handshake the transport makes
//   sure none is stored (StoredCaBundle), and refuses the seed if one cannot be removed. With the
//   pinned, self-signed certificate as the only trusted one, mbedTLS accepts the server only if it
//   sends that certificate (or one signed with its key) and proves possession of the key its
//   certificate names: only a holder of the pinned key can. mbedTLS also checks the certificate's
//   validity dates (the RTC must be set: SntpTimeSync first) and that the host name matches the
//   certificate's names. A seed with no matching certificate fails closed.
// - What is not checked on the device: the pin against the certificate the server actually sends
//   (mbedTLS checks the chain to the pinned anchor instead, which is the same key for a
//   self-signed seed certificate, but a seed whose certificate is issued by another CA cannot be
//   pinned this way); revocation.
// - Service nodes (every other URL): certificates are self-signed and not checked
//   (SslVerification.NoVerification), as on every Session client: the onion layer, encrypted to
//   the node's X25519 key, is what authenticates the node.
//
// Every wait ends by the request's deadline (docs/architecture.md, "Every wait has a bound"):
// - Reads and writes: the socket's timeouts, the time left; HttpResponseReader checks the deadline
//   between reads.
// - The TCP connect and the TLS handshake take no timeout in nanoFramework's API (Socket.Connect
//   polls without a limit; SslStream's handshake has none), so a timer closes the socket at the
//   deadline: closing wakes a thread waiting on it, which then throws (nanoFramework's native
//   socket close signals every waiting thread). This needs the runtime to run the timer, which it
//   does while those calls wait in its event loop: the connect always, the handshake on firmware
//   built before nf-interpreter commit 51945c3 (15 July 2026, 1.17.0.40 by its version count).
// - From that firmware on, the handshake runs in native code on a blocking socket and stops every
//   managed thread until it ends; there the network stack's own timeouts (SO_RCVTIMEO,
//   SO_SNDTIMEO, set here as the struct timeval ESP-IDF's lwIP takes) end each of its reads and
//   writes after HandshakeStallMilliseconds. A peer that trickles a byte at a time can still hold
//   it longer; TransportWatch and the main loop's restart are the bound of last resort.
// - The DNS lookup of a seed's host name (service nodes are addresses; a lookup of an address is
//   immediate) runs in native code too, bounded by lwIP's own retries.
using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Network;

namespace SessionBeacon.Esp32
{
    /// <summary>POSTs over one TCP/TLS connection at a time, pinning seeds by their provisioned certificates.</summary>
    public sealed class TlsHttpTransport : IHttpTransport
    {
        /// <summary>
        /// The longest one read or write of the TLS handshake may wait in native code (firmware that runs
        /// the handshake with the runtime stopped), ms. A handshake's messages come within a round trip
        /// or two; an ESP32's own share of the cryptography is done between them.
        /// </summary>
        public const int HandshakeStallMilliseconds = 5000;

        // A struct timeval as ESP-IDF 5's newlib lays it out (64-bit time_t): tv_sec as a 64-bit integer,
        // tv_usec as a 32-bit one, 4 bytes of padding; little-endian. lwIP refuses a shorter value.
        private const int TimevalSize = 16;
        private const int TimevalMicrosecondsAt = 8;

        private readonly object _oneAtATime = new object();
        private readonly NetworkProfile _profile;
        private readonly SeedEndpoint[] _seeds;
        private readonly X509Certificate[] _anchors;
        private readonly IClock _steady;
        private readonly int _maxResponseBytes;

        /// <summary>A transport for the network of <paramref name="profile"/>.</summary>
        /// <param name="profile">The network; its seeds' pins decide which certificate each seed must chain to.</param>
        /// <param name="seedCertificates">The seeds' certificates, PEM or DER, in any order; those matching no pin are ignored.</param>
        /// <param name="steady">A clock that does not jump (MonotonicClock), for the request deadlines.</param>
        /// <param name="maxResponseBytes">The largest body accepted with a Content-Length: the board's reply cap (BoardProfile.ReplyCapBytes, docs/heap.md); one without may be half as large, as reading it takes twice its size.</param>
        /// <exception cref="ArgumentNullException">profile, seedCertificates or steady is null.</exception>
        /// <exception cref="ArgumentException">maxResponseBytes is below 1.</exception>
        public TlsHttpTransport(NetworkProfile profile, byte[][] seedCertificates, IClock steady, int maxResponseBytes)
        {
            if (profile == null)
            {
                throw new ArgumentNullException("profile");
            }
            if (seedCertificates == null)
            {
                throw new ArgumentNullException("seedCertificates");
            }
            if (steady == null)
            {
                throw new ArgumentNullException("steady");
            }
            if (maxResponseBytes < 1)
            {
                throw new ArgumentException("maxResponseBytes must be at least 1", "maxResponseBytes");
            }
            _profile = profile;
            _steady = steady;
            _maxResponseBytes = maxResponseBytes;
            _seeds = profile.Seeds;
            _anchors = new X509Certificate[_seeds.Length];
            for (int i = 0; i < _seeds.Length; i++)
            {
                byte[] der = SpkiPin.FindCertificate(_seeds[i].Pin, seedCertificates);
                _anchors[i] = der == null ? null : new X509Certificate(der);
            }
        }

        /// <summary>How many https seeds have a certificate that matches their pin (the others cannot be reached).</summary>
        public int PinnedSeedCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _anchors.Length; i++)
                {
                    if (_anchors[i] != null)
                    {
                        count++;
                    }
                }
                return count;
            }
        }

        /// <summary>POSTs <paramref name="body"/> and reads the whole answer, within <paramref name="timeoutMilliseconds"/> (connect and handshake included; see the file's header for the one exception).</summary>
        /// <returns>The status and body, or status 0 and the reason; never throws for network failures.</returns>
        /// <exception cref="ArgumentNullException">url or body is null.</exception>
        /// <exception cref="ArgumentException">timeoutMilliseconds is below 1.</exception>
        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
        {
            return Post(url, body, timeoutMilliseconds, null);
        }

        /// <summary>
        /// POSTs <paramref name="body"/> and hands the answer's body to <paramref name="sink"/> as it is read
        /// (a seed's whole node list), without the cap on response bodies; with a null sink as the other Post.
        /// </summary>
        /// <returns>The status with an empty body, or status 0 and the reason; never throws for network failures.</returns>
        /// <exception cref="ArgumentNullException">url or body is null.</exception>
        /// <exception cref="ArgumentException">timeoutMilliseconds is below 1.</exception>
        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            if (url == null)
            {
                throw new ArgumentNullException("url");
            }
            if (body == null)
            {
                throw new ArgumentNullException("body");
            }
            if (timeoutMilliseconds < 1)
            {
                throw new ArgumentException("timeoutMilliseconds must be at least 1", "timeoutMilliseconds");
            }
            HttpTarget target = HttpTarget.TryParse(url);
            if (target == null)
            {
                return HttpResponse.Failed("POST: '" + url + "' is not an http:// or https:// URL with a host and port");
            }
            lock (_oneAtATime)
            {
                return Send(target, _profile.PinFor(url), _profile.IsSeed(url), AnchorFor(url), body, timeoutMilliseconds, sink);
            }
        }

        private X509Certificate AnchorFor(string url)
        {
            for (int i = 0; i < _seeds.Length; i++)
            {
                string origin = _seeds[i].BaseUrl;
                if (url == origin || url.StartsWith(origin + "/"))
                {
                    return _anchors[i];
                }
            }
            return null;
        }

        private HttpResponse Send(HttpTarget target, string pin, bool seed, X509Certificate anchor, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            if (seed && target.Secure && anchor == null)
            {
                return HttpResponse.Failed("POST " + target.Origin + ": no provisioned certificate carries this seed's pinned key " + pin);
            }
            if (anchor != null && StoredCaBundle.IsStored)
            {
                string problem = StoredCaBundle.Remove();
                if (problem != null)
                {
                    return HttpResponse.Failed("POST " + target.Origin + ": " + problem);
                }
            }
            long deadline = _steady.UnixMilliseconds + timeoutMilliseconds;
            Socket socket = null;
            Stream stream = null;
            Timer closer = null;
            try
            {
                IPAddress address = FirstIPv4(Dns.GetHostEntry(target.Host));
                if (address == null)
                {
                    return HttpResponse.Failed("POST " + target.Origin + ": the name has no IPv4 address");
                }
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.SendTimeout = Remaining(deadline);
                socket.ReceiveTimeout = Remaining(deadline);
                closer = new Timer(CloseAtDeadline, socket, Remaining(deadline), Timeout.Infinite);
                socket.Connect(new IPEndPoint(address, target.Port));
                if (target.Secure)
                {
                    SetNativeTimeouts(socket, Remaining(deadline) < HandshakeStallMilliseconds ? Remaining(deadline) : HandshakeStallMilliseconds);
                    var tls = new SslStream(socket);
                    // The SslStream owns the socket from here: disposing it closes both.
                    stream = tls;
                    socket = null;
                    tls.SslVerification = anchor == null ? SslVerification.NoVerification : SslVerification.CertificateRequired;
                    tls.AuthenticateAsClient(target.Host, null, anchor, SslProtocols.Tls12);
                }
                else
                {
                    stream = new NetworkStream(socket, true);
                    socket = null;
                }
                byte[] head = Utf8.Encode("POST " + target.Path + " HTTP/1.1\r\nHost: " + target.HostHeader
                    + "\r\nContent-Type: " + (seed ? "application/json" : "application/octet-stream")
                    + "\r\nContent-Length: " + body.Length.ToString()
                    + "\r\nConnection: close\r\n\r\n");
                stream.Write(head, 0, head.Length);
                stream.Write(body, 0, body.Length);
                stream.Flush();
                return HttpResponseReader.Read(stream, _steady, deadline, _maxResponseBytes, target.Origin, sink);
            }
            catch (Exception error)
            {
                if (_steady.UnixMilliseconds >= deadline)
                {
                    return HttpResponse.Failed("POST " + target.Origin + ": no answer within " + timeoutMilliseconds.ToString() + " ms");
                }
                return HttpResponse.Failed("POST " + target.Origin + ": " + Describe(error, anchor != null));
            }
            finally
            {
                if (closer != null)
                {
                    closer.Dispose();
                }
                if (stream != null)
                {
                    stream.Dispose();
                }
                if (socket != null)
                {
                    socket.Close();
                }
            }
        }

        // The request's deadline, from the timer's thread: a connect or handshake still waiting on the socket wakes and throws.
        private static void CloseAtDeadline(object socket)
        {
            try
            {
                ((Socket)socket).Close();
            }
            catch (Exception)
            {
                // Closed already by the request itself.
            }
        }

        // The network stack's own limit on each blocking read and write (see the file's header).
        private static void SetNativeTimeouts(Socket socket, int milliseconds)
        {
            var timeval = new byte[TimevalSize];
            int seconds = milliseconds / 1000;
            int microseconds = milliseconds % 1000 * 1000;
            for (int i = 0; i < 4; i++)
            {
                timeval[i] = (byte)(seconds >> (8 * i));
                timeval[TimevalMicrosecondsAt + i] = (byte)(microseconds >> (8 * i));
            }
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveTimeout, timeval);
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.SendTimeout, timeval);
            }
            catch (Exception)
            {
                // A stack that refuses the option: the deadline's timer still bounds the handshake
                // wherever the runtime runs it (firmware before 1.17.0.40).
            }
        }

        private int Remaining(long deadline)
        {
            long left = deadline - _steady.UnixMilliseconds;
            return left < 1 ? 1 : (left > int.MaxValue ? int.MaxValue : (int)left);
        }

        private static IPAddress FirstIPv4(IPHostEntry entry)
        {
            IPAddress[] addresses = entry.AddressList;
            for (int i = 0; i < addresses.Length; i++)
            {
                if (addresses[i].AddressFamily == AddressFamily.InterNetwork)
                {
                    return addresses[i];
                }
            }
            return null;
        }

        // nanoFramework's exceptions often carry no message, so the type name says what failed.
        private static string Describe(Exception error, bool pinned)
        {
            string text = error.GetType().Name;
            if (error.Message != null && error.Message.Length > 0)
            {
                text += " " + error.Message;
            }
            return pinned ? text + " (a pinned seed: its certificate must chain to the provisioned one, and the RTC must be set)" : text;
        }
    }
}
