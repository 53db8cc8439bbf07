using System;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    public class PolicySettingsTests
    {
        private const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";
        private const string Minimal = "board = esp32-devkitc\nrecipient = " + Alice + " Alice\n";

        [Fact]
        public void Parse_Minimal_PolicyDefaults()
        {
            PolicySettings policy = BeaconConfig.Parse(Minimal, "nf.config").Policy;
            Assert.Equal(1500, policy.PanicHoldMs);
            Assert.Equal(5000, policy.PanicCancelMs);
            Assert.Equal(30, policy.ButtonDebounceMs);
            Assert.Equal(700, policy.GestureGapMs);
            Assert.Equal(2, policy.DuressPresses);
            Assert.Equal(5, policy.TestPresses);
            Assert.Empty(policy.Sensors);
            Assert.Equal(50, policy.SensorDebounceMs);
            Assert.Equal(300, policy.SensorMinIntervalSeconds);
            Assert.Equal(0, policy.HeartbeatIntervalMinutes);
            Assert.Equal(20, policy.LowBatteryPercent);
        }

        [Fact]
        public void Parse_Sensors_ReadInOrderWithNames()
        {
            PolicySettings policy = BeaconConfig.Parse(Minimal
                + "sensor = contact 5 Front  door\nsensor = analog 34 below 500 800 Water tank\nsensor = motion 13 Hall\n"
                + "sensor = tamper 14 Case\nsensor = power 15 Mains\nheartbeat.interval_min = 60\n", "nf.config").Policy;
            Assert.Equal(5, policy.Sensors.Length);
            Assert.Equal(SensorKind.Contact, policy.Sensors[0].Kind);
            Assert.Equal("Front door", policy.Sensors[0].Name);
            Assert.Equal(5, policy.Sensors[0].Pin);
            SensorSetting tank = policy.Sensors[1];
            Assert.Equal((SensorKind.Analog, 34, false, 500, 800, "Water tank"), (tank.Kind, tank.Pin, tank.FiresAbove, tank.Threshold, tank.Rearm, tank.Name));
            Assert.Equal(SensorKind.Motion, policy.Sensors[2].Kind);
            Assert.Equal(SensorKind.Tamper, policy.Sensors[3].Kind);
            Assert.Equal(SensorKind.PowerLoss, policy.Sensors[4].Kind);
            Assert.Equal(60, policy.HeartbeatIntervalMinutes);
        }

        [Fact]
        public void Parse_ExternalPull_ReadBeforeTheName()
        {
            SensorSetting[] sensors = BeaconConfig.Parse(Minimal + "sensor = contact 34 external-pull Back door\nsensor = motion 13 Hall\n", "nf.config").Policy.Sensors;
            Assert.Equal((34, true, "Back door"), (sensors[0].Pin, sensors[0].ExternalPull, sensors[0].Name));
            Assert.Equal((13, false, "Hall"), (sensors[1].Pin, sensors[1].ExternalPull, sensors[1].Name));
        }

        [Fact]
        public void Parse_NoCancelWindow_DuressOff()
        {
            Assert.Equal(0, BeaconConfig.Parse(Minimal + "panic.cancel_ms = 0\n", "nf.config").Policy.DuressPresses);
        }

        public static TheoryData<string, string> Problems => new TheoryData<string, string>
        {
            { "panic.cancel_ms = 60001\n", "nf.config line 3: 'panic.cancel_ms' must be a whole number from 0 to 60000, not '60001'" },
            { "panic.hold_ms = 100\n", "nf.config line 3: 'panic.hold_ms' must be a whole number from 200 to 10000, not '100'" },
            { "button.debounce_ms = 2\n", "nf.config line 3: 'button.debounce_ms' must be a whole number from 5 to 100, not '2'" },
            { "gesture.gap_ms = 5000\n", "nf.config line 3: 'gesture.gap_ms' must be a whole number from 200 to 3000, not '5000'" },
            { "duress.presses = 1\n", "nf.config line 3: 'duress.presses' must be 0 (off) or 2 to 9, not 1: 1 press is the cancel" },
            { "duress.presses = 10\n", "nf.config line 3: 'duress.presses' must be 0 (off) or a whole number from 2 to 9, not '10'" },
            { "duress.presses = two\n", "nf.config line 3: 'duress.presses' must be 0 (off) or a whole number from 2 to 9, not 'two'" },
            { "panic.cancel_ms = 0\nduress.presses = 2\n", "nf.config line 4: 'duress.presses' needs a cancel window" },
            { "test.presses = 2\n", "nf.config line 3: 'test.presses' must be 0 (off) or 3 to 9, not 2: fewer presses happen by accident in a pocket" },
            { "test.presses = -1\n", "nf.config line 3: 'test.presses' must be 0 (off) or a whole number from 3 to 9, not '-1'" },
            { "sensor.debounce_ms = 6000\n", "nf.config line 3: 'sensor.debounce_ms' must be a whole number from 0 to 5000" },
            { "sensor.min_interval_s = 90000\n", "nf.config line 3: 'sensor.min_interval_s' must be a whole number from 0 to 86400" },
            { "heartbeat.interval_min = 5\n", "nf.config line 3: 'heartbeat.interval_min' must be 0 (off) or a whole number from 15 to 10080, not '5'" },
            { "battery.low_percent = 60\n", "nf.config line 3: 'battery.low_percent' must be a whole number from 0 to 50" },
            { "sensor = contact 5\n", "nf.config line 3: sensor needs a kind, a GPIO and a name" },
            { "sensor = contact 34 external-pull\n", "nf.config line 3: sensor needs a kind, a GPIO and a name" },
            { "sensor = smoke 5 Kitchen\n", "nf.config line 3: sensor kind 'smoke' is not one of contact, motion, tamper, power, analog" },
            { "sensor = contact 49 Door\n", "nf.config line 3: sensor GPIO must be a whole number from 0 to 48, not '49'" },
            { "sensor = contact five Door\n", "nf.config line 3: sensor GPIO must be a whole number from 0 to 48, not 'five'" },
            { "sensor = analog 34 above 2000 Tank\n", "nf.config line 3: analog sensor needs a direction, a threshold, a re-arm level and a name" },
            { "sensor = analog 34 over 2000 1800 Tank\n", "nf.config line 3: analog sensor direction must be above or below, not 'over'" },
            { "sensor = analog 34 above high 1800 Tank\n", "nf.config line 3: analog threshold and re-arm level must be whole ADC values (0 or more), not 'high' and '1800'" },
            { "sensor = analog 34 above 2000 -1 Tank\n", "nf.config line 3: analog threshold and re-arm level must be whole ADC values" },
            { "sensor = analog 34 above 2000 2000 Tank\n", "nf.config line 3: analog re-arm level 2000 must be below the threshold 2000" },
            { "sensor = analog 34 below 500 400 Tank\n", "nf.config line 3: analog re-arm level 400 must be above the threshold 500" },
            { "sensor = contact 5 Door\nsensor = motion 5 Hall\n", "nf.config line 4: sensor GPIO 5 is already used by sensor 'Door'" },
            { "sensor = contact 1 A\nsensor = contact 2 B\nsensor = contact 3 C\nsensor = contact 4 D\nsensor = contact 5 E\nsensor = contact 6 F\nsensor = contact 7 G\nsensor = contact 8 H\nsensor = contact 9 I\n", "nf.config line 11: too many sensors: at most 8" },
        };

        [Theory]
        [MemberData(nameof(Problems))]
        public void Parse_PolicyProblem_ReportedWithLine(string extra, string expected)
        {
            var error = Assert.Throws<ConfigException>(() => BeaconConfig.Parse(Minimal + extra, "nf.config"));
            Assert.True(Array.Exists(error.Problems, problem => problem.StartsWith(expected, StringComparison.Ordinal)),
                "expected '" + expected + "' in:\n" + string.Join("\n", error.Problems));
        }
    }
}
