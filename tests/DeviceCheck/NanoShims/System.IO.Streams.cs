// Compile-only shim of nanoFramework.System.IO.Streams 1.1.96 (assembly System.IO.Streams): the
// base class of FileStream, NetworkStream and SslStream, with exactly the members
// src/SessionBeacon.Esp32 calls (see README.md). Never run: every body throws.
namespace System.IO
{
    /// <summary>nanoFramework: a sequence of bytes (System.IO.Stream).</summary>
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        /// <summary>Reads up to <paramref name="count"/> bytes; 0 at the end of the stream.</summary>
        public abstract int Read(byte[] buffer, int offset, int count);

        /// <summary>Writes <paramref name="count"/> bytes.</summary>
        public abstract void Write(byte[] buffer, int offset, int count);

        /// <summary>Writes buffered data to the device.</summary>
        public abstract void Flush();

        /// <summary>Closes the stream.</summary>
        public void Dispose() => throw new NotImplementedException();
    }
}
