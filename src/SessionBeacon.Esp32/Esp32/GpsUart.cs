// The GPS module on the chip's second UART (nanoFramework only, ESP32; docs/gps.md). The board
// profile's gps.rx and gps.tx (Config/GpsPins) are routed to COM2 with
// Configuration.SetPinFunction before the port opens (the ESP32 can put any UART on any GPIO that
// the check allows); gps.power, when the board has it, switches the module through a P-MOSFET or
// its enable input. Poll reads what has arrived and feeds the portable NmeaReader; it never waits
// for bytes (it reads at most what BytesToRead reports, in chunks, up to MaxBytesPerPoll, and
// ReadTimeout bounds a read should the count be stale), so a silent or unplugged module cannot
// stall the caller. The driver's receive buffer is ReceiveBufferBytes: at 9600 baud a module sends
// at most 960 bytes a second, so about two seconds of sentences wait there while the beacon works
// on something else; what overflows is lost, and the reader drops the cut sentence.
using System;
using System.Device.Gpio;
using System.IO.Ports;
using nanoFramework.Hardware.Esp32;
using SessionBeacon.Config;
using SessionBeacon.Location;

namespace SessionBeacon.Esp32
{
    /// <summary>Reads a GPS module's NMEA on COM2 and switches its power.</summary>
    public sealed class GpsUart : IDisposable
    {
        /// <summary>The most bytes one <see cref="Poll"/> reads: a few seconds of sentences, so that one call stays short.</summary>
        public const int MaxBytesPerPoll = 2048;

        private const string Port = "COM2";
        private const int ChunkBytes = 128;
        private const int ReceiveBufferBytes = 2048;
        private const int ReadTimeoutMs = 20;

        private readonly SerialPort _port;
        private readonly GpioPin _power;
        private readonly bool _powerActiveLow;
        private readonly byte[] _chunk = new byte[ChunkBytes];

        /// <summary>Routes the pins to COM2 and opens the power pin switched off; the port opens with <see cref="PowerOn"/>.</summary>
        /// <exception cref="ArgumentException">The board has no GPS (<see cref="GpsPins.Fitted"/> is false).</exception>
        public GpsUart(GpsPins pins, GpioController gpio)
        {
            if (pins == null || !pins.Fitted)
            {
                throw new ArgumentException("the board profile has no gps.rx and gps.tx", nameof(pins));
            }
            Configuration.SetPinFunction(pins.RxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(pins.TxPin, DeviceFunction.COM2_TX);
            _port = new SerialPort(Port, pins.Baud);
            _port.ReadBufferSize = ReceiveBufferBytes;
            _port.ReadTimeout = ReadTimeoutMs;
            _powerActiveLow = pins.PowerActiveLow;
            if (pins.PowerPin != BoardProfile.NoPin)
            {
                _power = gpio.OpenPin(pins.PowerPin, PinMode.Output);
                SetPower(false);
            }
        }

        /// <summary>The sentences read so far: the latest fix, the RMC time, the no-fix state.</summary>
        public NmeaReader Reader { get; } = new NmeaReader();

        /// <summary>Switches the module on (when the board can switch it) and opens the port.</summary>
        public void PowerOn()
        {
            SetPower(true);
            if (!_port.IsOpen)
            {
                _port.Open();
            }
        }

        /// <summary>Closes the port and switches the module off (when the board can; else it keeps running, unread).</summary>
        public void PowerOff()
        {
            if (_port.IsOpen)
            {
                _port.Close();
            }
            SetPower(false);
        }

        /// <summary>Feeds what the module has sent since the last call to <see cref="Reader"/>, at most <see cref="MaxBytesPerPoll"/> bytes; returns how many.</summary>
        public int Poll()
        {
            if (!_port.IsOpen)
            {
                return 0;
            }
            int total = 0;
            int waiting = _port.BytesToRead;
            while (waiting > 0 && total < MaxBytesPerPoll)
            {
                int read = _port.Read(_chunk, 0, waiting < ChunkBytes ? waiting : ChunkBytes);
                if (read <= 0)
                {
                    break;
                }
                Reader.Feed(_chunk, 0, read);
                total += read;
                waiting = _port.BytesToRead;
            }
            return total;
        }

        /// <summary>Switches the module off and releases the port and the pin.</summary>
        public void Dispose()
        {
            PowerOff();
            _port.Dispose();
            if (_power != null)
            {
                _power.Dispose();
            }
        }

        private void SetPower(bool on)
        {
            if (_power != null)
            {
                _power.Write(on != _powerActiveLow ? PinValue.High : PinValue.Low);
            }
        }
    }
}
