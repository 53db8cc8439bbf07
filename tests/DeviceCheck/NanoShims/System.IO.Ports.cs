// Compile-only shim of nanoFramework.System.IO.Ports 1.1.139 (assembly System.IO.Ports):
// the serial port the GPS adapter reads, exactly the members src/SessionBeacon.Esp32 calls, with the
// signatures of nanoframework/System.IO.Ports System.IO.Ports/{SerialPort.cs, Parity.cs, StopBits.cs}
// (see README.md). Never run: every body throws.
namespace System.IO.Ports
{
    using System;

    /// <summary>nanoFramework: the parity bit of a serial frame.</summary>
    public enum Parity
    {
        /// <summary>No parity bit.</summary>
        None = 0,
    }

    /// <summary>nanoFramework: the stop bits of a serial frame.</summary>
    public enum StopBits
    {
        /// <summary>One stop bit.</summary>
        One = 1,
    }

    /// <summary>nanoFramework: a UART (COM1, COM2, ...).</summary>
    public sealed class SerialPort : IDisposable
    {
        /// <summary>A closed port with these line settings.</summary>
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) => throw new NotImplementedException();

        /// <summary>Whether the port is open.</summary>
        public bool IsOpen => throw new NotImplementedException();

        /// <summary>How long a read waits for its bytes, in milliseconds.</summary>
        public int ReadTimeout
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>The size of the receive buffer, in bytes; set before Open.</summary>
        public int ReadBufferSize
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Bytes received and not read yet.</summary>
        public int BytesToRead => throw new NotImplementedException();

        /// <summary>Opens the port.</summary>
        public void Open() => throw new NotImplementedException();

        /// <summary>Closes the port.</summary>
        public void Close() => throw new NotImplementedException();

        /// <summary>Reads up to <paramref name="count"/> bytes, waiting at most ReadTimeout for them.</summary>
        public int Read(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <summary>Closes the port and releases it.</summary>
        public void Dispose() => throw new NotImplementedException();
    }
}
