// Turns an alert decision of the policy into what the outbox stores (docs/architecture.md, "Composer"):
// the alert's kind and its Content, a text message from the beacon's profile name, signed at the
// time given. Panic, duress and sensor texts come from nf.config (alert.panic, alert.duress,
// alert.sensor); the sensor's name and an analog sensor's reading follow, then a second line with
// the alert's running number, the battery level when known, and the local time it was sent, so a
// recipient reads what happened, when, and whether one is missing, without a second message:
//   "PANIC: I need help now\n#3, battery 55%, sent 2026-11-27 14:03 (UTC+01:00)"
// The other texts are fixed.
// Sizes (docs/threat-model.md, "Sizes"): when location.mode is not off, every alert is padded to one
// size, the padded size of the longest alert this configuration can compose, those that can carry a
// position with the longest position lines, so that its size tells neither its kind nor whether it
// carries a position, or where. A ratchet recipient's alerts get a size of their own, as the ratchet
// carriage makes them longer. An alert longer still (notes of earlier trouble, a note that it was
// held for a new pairing) is padded as usual. Both sizes are worked out once, here, by composing the
// longest alert.
using Session.Core.Micro.Messages;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Config;
using SessionBeacon.Location;
using SessionBeacon.Policy;

namespace SessionBeacon.Delivery
{
    /// <summary>Builds the Content of an alert from a policy decision.</summary>
    public sealed class AlertComposer
    {
        /// <summary>The text of a test alert.</summary>
        public const string TestText = "Test alert: no action needed";

        /// <summary>The text of a check-in.</summary>
        public const string HeartbeatText = "Check-in: the beacon is working";

        /// <summary>The text of a low-battery alert.</summary>
        public const string LowBatteryText = "Battery low: charge or replace it";

        /// <summary>The text of a tamper alert.</summary>
        public const string TamperText = "Tamper alert";

        /// <summary>The text of a power-loss alert.</summary>
        public const string PowerLossText = "External power lost";

        // Stands for the longest tracking update's first words, "Tracking 480/480 (last):" (TrackingPlan.Title with
        // the most updates LocationSettings allows, 240 minutes at one every 30 s), which replace an alert's first line.
        private const string LongestTrackingTitle = "Tracking 480/480 (last):";

        // A sending time for sizing (2027); its varint, like any time until 2109, takes 6 bytes.
        private const long SampleTimestamp = 1800000000000;

        private readonly BeaconConfig _config;
        private readonly int _plainSize;
        private readonly int _ratchetSize;

        /// <summary>A composer for the texts, device name and sensors of <paramref name="config"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="config"/> is null.</exception>
        public AlertComposer(BeaconConfig config)
        {
            if (config == null)
            {
                throw Errors.Null("config");
            }
            _config = config;
            if (config.Location.Mode == LocationSettings.ModeOff)
            {
                return;
            }
            string numbers = "\n" + NumberLine(uint.MaxValue, 100);
            string panics = LongestPosition.Longer(LongestPosition.Longer(config.PanicText, config.DuressText), LongestTrackingTitle);
            string body = config.Location.Mode == LocationSettings.ModeAll
                ? LongestPosition.Longer(panics, LongestOtherFirstLine()) + numbers + "\n" + LongestPosition.Lines()
                : LongestPosition.Longer(panics + numbers + "\n" + LongestPosition.Lines(), LongestOtherFirstLine() + numbers);
            ContentMessage longest = Finish(body, SampleTimestamp, true);
            _plainSize = Padding.PaddedLength(longest.EncodedSize());
            int packet = RatchetPacket.InitiationHeaderSize + RatchetContent.EncodeAlert(longest.Body).Length + RatchetPacket.TagSize;
            _ratchetSize = Padding.PaddedLength(RatchetCarriage.ToContent(new byte[packet], config.DeviceName, SampleTimestamp).EncodedSize());
        }

        /// <summary>
        /// The padded size of every alert (ContentMessage.MinimumPaddedSize, RatchetLink.MinimumPaddedSize) unless location.mode
        /// is off: one size whatever the kind, with a larger one for a ratchet recipient (<paramref name="ratchet"/>); 0,
        /// Session's usual padding, with mode off.
        /// </summary>
        public int MinimumPaddedSize(bool ratchet)
        {
            return ratchet ? _ratchetSize : _plainSize;
        }

        /// <summary>True when <paramref name="decision"/> asks for a message to be sent (a Fire* decision).</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="decision"/> is null.</exception>
        public static bool IsAlert(Decision decision)
        {
            if (decision == null)
            {
                throw Errors.Null("decision");
            }
            switch (decision.Kind)
            {
                case DecisionKind.FirePanic:
                case DecisionKind.FireDuress:
                case DecisionKind.FireSensor:
                case DecisionKind.FireHeartbeat:
                case DecisionKind.FireTest:
                case DecisionKind.FireLowBattery:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The outbox kind of an alert decision.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="decision"/> is null.</exception>
        /// <exception cref="System.ArgumentException">The decision is not an alert, or names no configured sensor.</exception>
        public AlertKind KindOf(Decision decision)
        {
            CheckAlert(decision);
            switch (decision.Kind)
            {
                case DecisionKind.FirePanic: return AlertKind.Panic;
                case DecisionKind.FireDuress: return AlertKind.Duress;
                case DecisionKind.FireHeartbeat: return AlertKind.Heartbeat;
                case DecisionKind.FireTest: return AlertKind.Test;
                case DecisionKind.FireLowBattery: return AlertKind.LowBattery;
            }
            switch (Sensor(decision).Kind)
            {
                case SensorKind.Tamper: return AlertKind.Tamper;
                case SensorKind.PowerLoss: return AlertKind.PowerLoss;
                default: return AlertKind.Sensor;
            }
        }

        /// <summary>
        /// The Content of the alert, from the device's profile name, signed at <paramref name="sigTimestamp"/>:
        /// <see cref="Body"/>, then the local time it was sent.
        /// </summary>
        /// <param name="decision">A Fire* decision of the policy.</param>
        /// <param name="sigTimestamp">The send time in Unix milliseconds (the network's clock).</param>
        /// <param name="sequence">The beacon's running alert number, so recipients notice a missing one.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="decision"/> is null.</exception>
        /// <exception cref="System.ArgumentException">The decision is not an alert, names no configured sensor, or the timestamp is not positive.</exception>
        public ContentMessage Compose(Decision decision, long sigTimestamp, uint sequence)
        {
            return Finish(Body(decision, sequence), sigTimestamp, false);
        }

        /// <summary>
        /// The alert's text without its time: what happened on the first line (with the sensor's name
        /// and an analog reading), then the running number and, when known, the battery level.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="decision"/> is null.</exception>
        /// <exception cref="System.ArgumentException">The decision is not an alert, or names no configured sensor.</exception>
        public string Body(Decision decision, uint sequence)
        {
            AlertKind kind = KindOf(decision);
            string body;
            switch (kind)
            {
                case AlertKind.Panic: body = _config.PanicText; break;
                case AlertKind.Duress: body = _config.DuressText; break;
                case AlertKind.Heartbeat: body = HeartbeatText; break;
                case AlertKind.Test: body = TestText; break;
                case AlertKind.LowBattery: body = LowBatteryText; break;
                case AlertKind.Tamper: body = TamperText + ": " + Sensor(decision).Name; break;
                case AlertKind.PowerLoss: body = PowerLossText + ": " + Sensor(decision).Name; break;
                default: body = _config.SensorText + ": " + Sensor(decision).Name; break;
            }
            if (decision.Reading != Decision.NoReading)
            {
                body += " (reading " + decision.Reading.ToString() + ")";
            }
            return body + "\n" + NumberLine(sequence, decision.BatteryPercent);
        }

        /// <summary>
        /// The second line of every alert before its time: "#3, battery 55%", without the battery when
        /// <paramref name="batteryPercent"/> is <see cref="Decision.UnknownBattery"/>.
        /// </summary>
        public static string NumberLine(uint sequence, int batteryPercent)
        {
            string line = "#" + sequence.ToString();
            return batteryPercent == Decision.UnknownBattery ? line : line + ", battery " + batteryPercent.ToString() + "%";
        }

        /// <summary>
        /// The Content of an alert whose <paramref name="body"/> (from <see cref="Body"/>, perhaps with more lines after it)
        /// is sent at <paramref name="sigTimestamp"/>; <paramref name="held"/> says it waited for the beacon to learn the time.
        /// The time goes at the end of the running number's line, so lines added after the body stay last.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="body"/> is null.</exception>
        /// <exception cref="System.ArgumentException">The timestamp is not positive.</exception>
        public ContentMessage Finish(string body, long sigTimestamp, bool held)
        {
            if (body == null)
            {
                throw Errors.Null("body");
            }
            if (sigTimestamp <= 0)
            {
                throw Errors.Range("sigTimestamp", "must be a positive Unix time in milliseconds");
            }
            string sent = ", sent " + LocalTime.Format(sigTimestamp, _config.UtcOffsetMinutes) + (held ? " (held until the beacon knew the time)" : "");
            int numberLine = body.IndexOf('\n');
            int after = numberLine < 0 ? -1 : body.IndexOf('\n', numberLine + 1);
            string text = after < 0 ? body + sent : body.Substring(0, after) + sent + body.Substring(after);
            return new ContentMessage(text, _config.DeviceName, sigTimestamp);
        }

        // The longest first line of the alerts other than panic, duress and tracking: the firmware's own texts and the
        // sensors' with the longest name and reading.
        private string LongestOtherFirstLine()
        {
            string sensor = ": ";
            foreach (SensorSetting setting in _config.Policy.Sensors)
            {
                sensor = LongestPosition.Longer(sensor, ": " + setting.Name);
            }
            sensor += " (reading " + int.MinValue.ToString() + ")";
            string longest = _config.SensorText + sensor;
            string[] texts = { TamperText + sensor, PowerLossText + sensor, TestText, HeartbeatText, LowBatteryText };
            foreach (string text in texts)
            {
                longest = LongestPosition.Longer(longest, text);
            }
            return longest;
        }

        private void CheckAlert(Decision decision)
        {
            if (!IsAlert(decision))
            {
                throw Errors.Range("decision", "must be an alert (a Fire decision)");
            }
        }

        private SensorSetting Sensor(Decision decision)
        {
            SensorSetting[] sensors = _config.Policy.Sensors;
            if (decision.Sensor < 0 || decision.Sensor >= sensors.Length)
            {
                throw Errors.NoSuchSensor("decision", decision.Sensor);
            }
            return sensors[decision.Sensor];
        }
    }
}
