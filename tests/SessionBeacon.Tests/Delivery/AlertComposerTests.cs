using System;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Policy;
using SessionBeacon.Tests.Policy;
using Xunit;

namespace SessionBeacon.Tests.Delivery
{
    public class AlertComposerTests
    {
        private const long At = 1_790_000_000_000;
        private const uint Sequence = 7;

        // At is 2026-09-21 14:13:20 UTC.
        private const string Num = "\n#7";
        private const string Sent = ", sent 2026-09-21 14:13 (UTC+00:00)";

        private static readonly BeaconConfig Config = BeaconConfig.Parse(
            "board = esp32-devkitc\nrecipient = " + PolicyScript.Alice + " Alice\ndevice.name = Beacon 7\n"
            + "alert.panic = Help!\nalert.duress = Help (duress)\nalert.sensor = Sensor\n"
            + "sensor = contact 5 Front door\nsensor = tamper 14 Case\nsensor = power 15 Mains\n", "nf.config");

        public static TheoryData<DecisionKind, int, int, AlertKind, string> Alerts => new TheoryData<DecisionKind, int, int, AlertKind, string>
        {
            { DecisionKind.FirePanic, Decision.NoSensor, Decision.UnknownBattery, AlertKind.Panic, "Help!" + Num + Sent },
            { DecisionKind.FireDuress, Decision.NoSensor, 55, AlertKind.Duress, "Help (duress)" + Num + ", battery 55%" + Sent },
            { DecisionKind.FireSensor, 0, Decision.UnknownBattery, AlertKind.Sensor, "Sensor: Front door" + Num + Sent },
            { DecisionKind.FireSensor, 1, Decision.UnknownBattery, AlertKind.Tamper, AlertComposer.TamperText + ": Case" + Num + Sent },
            { DecisionKind.FireSensor, 2, 90, AlertKind.PowerLoss, AlertComposer.PowerLossText + ": Mains" + Num + ", battery 90%" + Sent },
            { DecisionKind.FireHeartbeat, Decision.NoSensor, 80, AlertKind.Heartbeat, AlertComposer.HeartbeatText + Num + ", battery 80%" + Sent },
            { DecisionKind.FireTest, Decision.NoSensor, Decision.UnknownBattery, AlertKind.Test, AlertComposer.TestText + Num + Sent },
            { DecisionKind.FireLowBattery, Decision.NoSensor, 19, AlertKind.LowBattery, AlertComposer.LowBatteryText + Num + ", battery 19%" + Sent },
        };

        [Theory]
        [MemberData(nameof(Alerts))]
        public void Compose_AlertDecision_KindAndText(DecisionKind decisionKind, int sensor, int battery, AlertKind kind, string body)
        {
            var composer = new AlertComposer(Config);
            var decision = new Decision(decisionKind, 5, sensor, battery);
            Assert.True(AlertComposer.IsAlert(decision));
            Assert.Equal(kind, composer.KindOf(decision));
            var content = composer.Compose(decision, At, Sequence);
            Assert.Equal(body, content.Body);
            Assert.Equal("Beacon 7", content.DisplayName);
            Assert.Equal(At, content.SigTimestamp);
        }

        [Theory]
        [InlineData(DecisionKind.Cancel)]
        [InlineData(DecisionKind.CuePending)]
        [InlineData(DecisionKind.CueCancelled)]
        [InlineData(DecisionKind.RateLimited)]
        public void Compose_NotAnAlert_Throws(DecisionKind kind)
        {
            var decision = new Decision(kind, 5, Decision.NoSensor, Decision.UnknownBattery);
            Assert.False(AlertComposer.IsAlert(decision));
            Assert.Throws<ArgumentException>(() => new AlertComposer(Config).Compose(decision, At, Sequence));
        }

        [Fact]
        public void BadArguments_Throw()
        {
            var composer = new AlertComposer(Config);
            Assert.Throws<ArgumentNullException>(() => new AlertComposer(null));
            Assert.Throws<ArgumentNullException>(() => AlertComposer.IsAlert(null));
            Assert.Throws<ArgumentException>(() => composer.Compose(new Decision(DecisionKind.FireSensor, 5, 3, Decision.UnknownBattery), At, Sequence));
            Assert.Throws<ArgumentException>(() => composer.Compose(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, Decision.UnknownBattery), 0, Sequence));
        }

        [Fact]
        public void BodyThenFinish_Held_SaysItWaitedForTheTime()
        {
            var composer = new AlertComposer(Config);
            string body = composer.Body(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 40), Sequence);
            Assert.Equal("Help!" + Num + ", battery 40%", body);
            var content = composer.Finish(body, At, true);
            Assert.Equal(body + Sent + " (held until the beacon knew the time)", content.Body);
            Assert.Equal(At, content.SigTimestamp);
            Assert.Equal(composer.Compose(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 40), At, Sequence).Body, composer.Finish(body, At, false).Body);
            Assert.Throws<ArgumentNullException>(() => composer.Finish(null, At, false));
            Assert.Throws<ArgumentException>(() => composer.Finish(body, 0, false));
        }

        [Fact]
        public void Finish_NotesAfterTheBody_TheTimeStaysOnTheNumbersLine()
        {
            var composer = new AlertComposer(Config);
            string body = composer.Body(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 40), Sequence);
            var content = composer.Finish(body + "\nA note.\nAnother note.", At, true);
            Assert.Equal(body + Sent + " (held until the beacon knew the time)\nA note.\nAnother note.", content.Body);
        }

        [Fact]
        public void Compose_AnalogSensor_ReadingInBody()
        {
            BeaconConfig config = BeaconConfig.Parse("board = x\nrecipient = " + PolicyScript.Alice + " Alice\nalert.sensor = Sensor\nsensor = analog 34 above 2000 1800 Water level\n", "nf.config");
            var content = new AlertComposer(config).Compose(new Decision(DecisionKind.FireSensor, 5, 0, 61, 2140), At, 3);
            Assert.Equal("Sensor: Water level (reading 2140)\n#3, battery 61%, sent 2026-09-21 14:13 (UTC+00:00)", content.Body);
        }

        [Fact]
        public void Compose_UtcOffsetFromConfig_LocalTimeInBody()
        {
            BeaconConfig config = BeaconConfig.Parse("board = x\nrecipient = " + PolicyScript.Alice + " Alice\nalert.panic = Help!\ntime.utc_offset_min = -330\n", "nf.config");
            var content = new AlertComposer(config).Compose(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, Decision.UnknownBattery), At, 12);
            Assert.Equal("Help!\n#12, sent 2026-09-21 08:43 (UTC-05:30)", content.Body);
        }
    }
}
