// Compile-only shim of nanoFramework.System.IO.Streams 1.1.96 (assembly System.IO.Streams): the
// base class of FileStream, NetworkStream and SslStream, with exactly the members
// src/SessionBeacon/Esp32 calls (see README.md). Never run: every body throws.
namespace System.IO
{
    /// <summary>nanoFramework: a sequence of bytes (System.IO.Stream).</summary>
    public abstract class Stream : IDisposable
    {
        /// <summary>Reads up to <paramref name="count"/> bytes; 0 at the end of the stream.</summary>
        public virtual int Read(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <summary>Writes <paramref name="count"/> bytes.</summary>
        public virtual void Write(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <summary>Writes buffered data to the device.</summary>
        public virtual void Flush() => throw new NotImplementedException();

        /// <summary>Closes the stream.</summary>
        public void Dispose() => throw new NotImplementedException();
    }
}
