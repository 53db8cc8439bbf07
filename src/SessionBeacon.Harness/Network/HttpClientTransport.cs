// The harness's IHttpTransport (docs/protocol.md §3.8): HTTPS POSTs with HttpClient, one connection
// per request, closed afterwards - like the device, which holds one TLS session at a time and never
// keeps a connection per node. Certificates: a URL on a seed of the NetworkProfile must present the
// seed's pinned key (base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as Session desktop
// pins seeds); any other URL is a service node, whose self-signed certificate is accepted because
// the onion layer, encrypted to the node's X25519 key, is what authenticates it.
// Failures (refused, timed out, wrong pin) come back as status 0 with the reason, never as exceptions.
// With an IResponseSink (a seed's whole node list) the body goes to the sink in pieces as it arrives.
using System;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Session.Core.Micro.Network;

namespace SessionBeacon.Harness.Network
{
    /// <summary>POSTs over HttpClient, pinning seeds and accepting service nodes' self-signed certificates.</summary>
    public sealed class HttpClientTransport : IHttpTransport
    {
        private readonly NetworkProfile _profile;
        private readonly CancellationToken _off;

        /// <summary>Creates a transport for the seeds of <paramref name="profile"/>; once <paramref name="off"/> is cancelled, every request fails at once.</summary>
        /// <exception cref="ArgumentNullException">profile is null.</exception>
        public HttpClientTransport(NetworkProfile profile, CancellationToken off = default)
        {
            _profile = profile ?? throw new ArgumentNullException(nameof(profile));
            _off = off;
        }

        /// <summary>The pin of a certificate: base64 of SHA-256 over its SubjectPublicKeyInfo.</summary>
        public static string PinOf(X509Certificate certificate)
        {
            using var full = new X509Certificate2(certificate);
            return Convert.ToBase64String(SHA256.HashData(full.PublicKey.ExportSubjectPublicKeyInfo()));
        }

        /// <inheritdoc/>
        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
        {
            return Send(url, body, timeoutMilliseconds, null);
        }

        /// <inheritdoc/>
        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            ArgumentNullException.ThrowIfNull(sink);
            return Send(url, body, timeoutMilliseconds, sink);
        }

        private HttpResponse Send(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            ArgumentNullException.ThrowIfNull(url);
            ArgumentNullException.ThrowIfNull(body);
            ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMilliseconds, 1);
            string pin = _profile.PinFor(url);
            bool isSeed = _profile.IsSeed(url);
            string pinFailure = null;
            using var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.Zero,
                MaxConnectionsPerServer = 1,
                AllowAutoRedirect = false,
                UseProxy = false,
            };
            handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            {
                if (!isSeed)
                {
                    return true;
                }
                if (certificate == null || pin == null)
                {
                    pinFailure = "the seed presented no certificate to check against its pin";
                    return false;
                }
                string presented = PinOf(certificate);
                if (presented != pin)
                {
                    pinFailure = "the seed's certificate key " + presented + " does not match the pin " + pin;
                    return false;
                }
                return true;
            };
            using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Headers.ConnectionClose = true;
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(isSeed ? "application/json" : "application/octet-stream");
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_off);
            cancel.CancelAfter(timeoutMilliseconds);
            try
            {
                using HttpResponseMessage response = client.Send(request, sink == null ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                int status = (int)response.StatusCode;
                if (status < 100 || status > 599)
                {
                    return HttpResponse.Failed("POST " + url + ": impossible HTTP status " + status);
                }
                if (sink == null)
                {
                    return new HttpResponse(status, response.Content.ReadAsByteArrayAsync(cancel.Token).GetAwaiter().GetResult());
                }
                using System.IO.Stream stream = response.Content.ReadAsStream(cancel.Token);
                byte[] piece = new byte[4096];
                for (int read; (read = stream.ReadAsync(piece, 0, piece.Length, cancel.Token).GetAwaiter().GetResult()) > 0;)
                {
                    if (!sink.Write(piece, 0, read))
                    {
                        return HttpResponse.Failed("POST " + url + ": the reader refused the answer");
                    }
                }
                return new HttpResponse(status, null);
            }
            catch (OperationCanceledException)
            {
                return HttpResponse.Failed("POST " + url + ": " + (_off.IsCancellationRequested ? "the device was switched off" : "no answer within " + timeoutMilliseconds + " ms"));
            }
            catch (HttpRequestException error)
            {
                return HttpResponse.Failed("POST " + url + ": " + (pinFailure ?? Describe(error)) + (isSeed && IsLocalRefusal(url, error) ? NoTestnetHint : ""));
            }
        }

        // A seed on this machine that refuses connections is a local testnet that is not running.
        private const string NoTestnetHint = "; is the testnet running? Start it with 'harness testnet up --data <its folder>'"
            + " (started again on its folder, it keeps this seed URL and pin)";

        private static bool IsLocalRefusal(string url, HttpRequestException error)
        {
            return error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                && Uri.TryCreate(url, UriKind.Absolute, out Uri parsed) && parsed.IsLoopback;
        }

        private static string Describe(Exception error)
        {
            string text = error.Message;
            for (Exception inner = error.InnerException; inner != null; inner = inner.InnerException)
            {
                text += " (" + inner.Message + ")";
            }
            return text;
        }
    }
}
