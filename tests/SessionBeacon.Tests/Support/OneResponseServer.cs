using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace SessionBeacon.Tests.Support
{
    /// <summary>
    /// A loopback TCP server that answers one connection with fixed bytes, in pieces of a given size,
    /// then closes it or holds it open (as a keep-alive server would) until the test is done.
    /// </summary>
    internal sealed class OneResponseServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly Thread _thread;
        private readonly ManualResetEventSlim _done = new ManualResetEventSlim();
        private readonly TcpClient _client = new TcpClient();

        public OneResponseServer(byte[] response, bool close, int pieceSize)
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _thread = new Thread(() =>
            {
                using Socket peer = _listener.AcceptSocket();
                try
                {
                    for (int at = 0; at < response.Length; at += pieceSize)
                    {
                        peer.Send(response, at, Math.Min(pieceSize, response.Length - at), SocketFlags.None);
                    }
                }
                catch (SocketException)
                {
                    // The reader refused the answer part way and closed its end: nothing more to send.
                    return;
                }
                if (!close)
                {
                    // A reader that waits for the close instead times out on ReceiveTimeout and the test fails.
                    _done.Wait();
                }
            });
            _thread.Start();
            _client.Connect(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
            _client.ReceiveTimeout = 10_000;
            Stream = _client.GetStream();
        }

        /// <summary>The client's end of the connection.</summary>
        public Stream Stream { get; }

        public void Dispose()
        {
            _done.Set();
            Stream.Dispose();
            _client.Dispose();
            _thread.Join();
            _listener.Stop();
        }
    }
}
