// How a board's managed heap is shared (docs/heap.md): what the firmware image leaves the app
// (board.conf's heap.kb, read by BoardProfile), the sizes the board's RAM class sets - the nodes
// asked of a seed, the outbox's slots and the largest reply the device accepts - and what the
// beacon needs with them. DeviceSetup.Check refuses a configuration whose needs pass the heap, on
// the device and on the desktop alike.
//
// The needs (docs/heap.md gives each figure's source):
// - the loaded assemblies (mscorlib, the core, the app): about 14 KiB, measured on a 32-bit nanoCLR
//   with the ESP32's 12-byte heap blocks;
// - building one alert and the 3-hop onion request that carries it: 35.5 KiB with the assemblies,
//   measured likewise (the smallest heap in which it still worked), so 21.5 KiB of work;
// - the beacon's lasting state: a lower estimate counted from what each part must hold on nanoCLR,
//   not a measurement - 256 bytes a pool node (two 32-byte keys, the 64-character hex key, the
//   address, the object), 3 KiB a recipient (its swarm of at least five nodes, two armed slots and
//   the pre-built flash alert), 2 KiB besides (identity, configuration, paths, queues);
// - the outbox: every slot full, each record holding one payload per recipient, sized from
//   nf.config's texts and, unless location.mode is off, the longest position lines, by the message
//   encoder's own rules (MessageEncoder.PayloadSize);
// - reading a reply: at most the reply cap and 8 KiB (Esp32/HttpResponseReader, whose tests check
//   it: a body of known length is read straight into its array, one of unknown length may be only
//   half the cap, as joining its pieces holds it twice), while the request it answers, about 4 KiB
//   (an estimate), is still held.
// Building an alert and reading a reply do not overlap: the device does one thing at a time (its
// main loop steps the beacon, which sends and then reads), so the larger of the two counts. Were
// replies read on a thread of their own while alerts were built, the two would add up.
using Session.Core.Micro.Messages;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Location;

namespace SessionBeacon.Config
{
    /// <summary>What the beacon needs of a board's managed heap, and whether it fits.</summary>
    public sealed class HeapBudget
    {
        /// <summary>Bytes in a KiB, the unit of heap.kb.</summary>
        public const int KiB = 1024;

        /// <summary>The loaded assemblies (measured).</summary>
        public const int AssemblyBytes = 14 * KiB;

        /// <summary>The smallest heap in which one alert and its 3-hop onion request were built, assemblies included (measured: 35.5 KiB).</summary>
        public const int AlertPeakBytes = 35 * KiB + KiB / 2;

        /// <summary>What the HTTP reader holds beside the reply: the header buffer, its read buffer, the last piece's slack.</summary>
        public const int ReplyOverheadBytes = 8 * KiB;

        // The lower estimates of the lasting state (see above).
        private const int StateBaseBytes = 2 * KiB;
        private const int StatePerNodeBytes = 256;
        private const int StatePerRecipientBytes = 3 * KiB;

        // The request a reply answers, still held while the reply is read (an estimate).
        private const int RequestBytes = 4 * KiB;

        // An outbox record beside its payloads: its fields and arrays, and per recipient the Session ID (66
        // characters), its delivered mark and the payload array's own header.
        private const int RecordBaseBytes = 128;
        private const int RecordPerRecipientBytes = 128;

        // The firmware's own alert texts are shorter than this (AlertComposer: "Battery low: charge or replace it").
        private const int FixedTextCharacters = 40;

        // What an alert body may add to its text: the sensor's reading, the running number, the battery level and the
        // sending time with its "held" note (AlertComposer.Body and Finish).
        private const int BodyTailCharacters = 120;

        // A sending time for sizing a payload; only its size matters.
        private const long SampleTimestamp = 1800000000000;

        private HeapBudget(BoardProfile board, int stateBytes, int recordBytes)
        {
            HeapBytes = board.HeapBytes;
            PoolNodes = board.PoolNodes;
            OutboxSlots = board.OutboxSlots;
            ReplyCapBytes = board.ReplyCapBytes;
            StateBytes = stateBytes;
            RecordBytes = recordBytes;
        }

        /// <summary>The managed heap the board's firmware leaves the app (heap.kb).</summary>
        public int HeapBytes { get; }

        /// <summary>How many nodes the device asks a seed for (NodePool.SeedLimit).</summary>
        public int PoolNodes { get; }

        /// <summary>How many alerts the outbox holds.</summary>
        public int OutboxSlots { get; }

        /// <summary>The largest reply body the device accepts.</summary>
        public int ReplyCapBytes { get; }

        /// <summary>The beacon's lasting state (a lower estimate).</summary>
        public int StateBytes { get; }

        /// <summary>One full outbox record of this configuration.</summary>
        public int RecordBytes { get; }

        /// <summary>Building one alert and its onion request, beside the assemblies.</summary>
        public int AlertWorkBytes
        {
            get { return AlertPeakBytes - AssemblyBytes; }
        }

        /// <summary>Reading a reply of the cap, with the request it answers.</summary>
        public int ReplyWorkBytes
        {
            get { return RequestBytes + ReplyBytes(ReplyCapBytes); }
        }

        /// <summary>All of it: assemblies, state, a full outbox, and the larger of building an alert and reading a reply.</summary>
        public int NeedBytes
        {
            get { return AssemblyBytes + StateBytes + OutboxSlots * RecordBytes + Max(AlertWorkBytes, ReplyWorkBytes); }
        }

        /// <summary>True when the needs fit in the heap.</summary>
        public bool Fits
        {
            get { return NeedBytes <= HeapBytes; }
        }

        /// <summary>What the HTTP reader may hold for a reply of up to <paramref name="replyCapBytes"/>.</summary>
        public static int ReplyBytes(int replyCapBytes)
        {
            return replyCapBytes + ReplyOverheadBytes;
        }

        /// <summary>The managed heap, in KiB, a board of this RAM class has when its profile gives no heap.kb.</summary>
        public static int DefaultHeapKiB(string ramClass)
        {
            switch (ramClass)
            {
                case "small": return 53;
                case "psram": return 2048;
                default: return 79;
            }
        }

        /// <summary>How many alerts the outbox of a board of this RAM class holds: 4 small, 8 standard, 32 PSRAM.</summary>
        public static int OutboxSlotsFor(string ramClass)
        {
            switch (ramClass)
            {
                case "small": return 4;
                case "psram": return 32;
                default: return 8;
            }
        }

        /// <summary>The reply cap of a board of this RAM class: 6 KiB small, 8 KiB standard, 48 KiB PSRAM.</summary>
        public static int ReplyCapFor(string ramClass)
        {
            switch (ramClass)
            {
                case "small": return 6 * KiB;
                case "psram": return 48 * KiB;
                default: return 8 * KiB;
            }
        }

        /// <summary>How many nodes a board of this RAM class asks a seed for: 16 small, 32 standard, 64 PSRAM (about 190 bytes each in the reply).</summary>
        public static int PoolNodesFor(string ramClass)
        {
            switch (ramClass)
            {
                case "small": return 16;
                case "psram": return 64;
                default: return 32;
            }
        }

        /// <summary>The budget of <paramref name="config"/> on <paramref name="board"/>.</summary>
        /// <exception cref="MessageException">An alert text is too long for a Session message.</exception>
        public static HeapBudget For(BoardProfile board, BeaconConfig config)
        {
            int state = StateBaseBytes + board.PoolNodes * StatePerNodeBytes + config.Recipients.Length * StatePerRecipientBytes;
            int plain = 0;
            int ratchet = 0;
            // An alert that can carry a position is padded to the size of the longest with one (AlertComposer.MinimumPaddedSize).
            string position = config.Location.Mode == LocationSettings.ModeOff ? "" : "\n" + LongestPosition.Lines();
            foreach (string text in AlertTexts(config))
            {
                string body = text + new string('0', BodyTailCharacters) + position;
                plain = Max(plain, MessageEncoder.PayloadSize(new ContentMessage(body, config.DeviceName, SampleTimestamp)));
                ratchet = Max(ratchet, RatchetPayloadSize(body, config.DeviceName));
            }
            int record = RecordBaseBytes;
            foreach (Recipient recipient in config.Recipients)
            {
                record += RecordPerRecipientBytes + (recipient.UsesRatchet ? ratchet : plain);
            }
            return new HeapBudget(board, state, record);
        }

        /// <summary>Why the needs do not fit, in one line for nf.config's problems; null when they fit.</summary>
        internal string Problem(string boardTitle)
        {
            if (Fits)
            {
                return null;
            }
            return "this configuration needs about " + InKiB(NeedBytes) + " KiB of managed heap, and the " + boardTitle + "'s firmware leaves " + InKiB(HeapBytes)
                + " KiB (heap.kb): " + InKiB(AssemblyBytes) + " KiB assemblies, " + InKiB(StateBytes) + " KiB lasting state for " + PoolNodes.ToString() + " nodes and the recipients, "
                + InKiB(OutboxSlots * RecordBytes) + " KiB outbox (" + OutboxSlots.ToString() + " alerts of " + InKiB(RecordBytes) + " KiB), and "
                + InKiB(Max(AlertWorkBytes, ReplyWorkBytes)) + " KiB to build an alert or read a reply of up to " + InKiB(ReplyCapBytes)
                + " KiB; use fewer recipients or shorter alert texts, or a board with more heap (docs/heap.md)";
        }

        // The texts an alert body can start with: nf.config's, and the firmware's own (a check-in, a test, a low
        // battery, a tamper or power alert, none longer than FixedTextCharacters), each sensor's with its name.
        private static string[] AlertTexts(BeaconConfig config)
        {
            string longestName = "";
            foreach (SensorSetting setting in config.Policy.Sensors)
            {
                longestName = setting.Name.Length > longestName.Length ? setting.Name : longestName;
            }
            string sensor = longestName.Length == 0 ? "" : ": " + longestName;
            return new[] { config.PanicText, config.DuressText, config.SensorText + sensor, new string('0', FixedTextCharacters) + sensor };
        }

        // A ratchet recipient's payload: the alert's plaintext in a ratchet packet (the first one with its
        // initiation key), carried in a v1 message (RatchetLink).
        private static int RatchetPayloadSize(string body, string deviceName)
        {
            int packet = RatchetPacket.InitiationHeaderSize + RatchetContent.EncodeAlert(body).Length + RatchetPacket.TagSize;
            return MessageEncoder.PayloadSize(RatchetCarriage.ToContent(new byte[packet], deviceName, SampleTimestamp));
        }

        // nanoFramework has no System.Math (docs/portable-csharp.md).
        private static int Max(int a, int b)
        {
            return a > b ? a : b;
        }

        // Whole KiB, rounded up, so a need is never shown smaller than it is.
        private static string InKiB(int bytes)
        {
            return ((bytes + KiB - 1) / KiB).ToString();
        }
    }
}
