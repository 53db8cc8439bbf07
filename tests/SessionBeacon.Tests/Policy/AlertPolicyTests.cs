using System;
using System.Linq;
using SessionBeacon.Config;
using SessionBeacon.Policy;
using Xunit;

namespace SessionBeacon.Tests.Policy
{
    /// <summary>The policy as a table: timed inputs on a fake clock -> decisions (defaults: hold 1500, cancel 5000, debounce 30, gap 700, duress 2 presses, test 5).</summary>
    public class AlertPolicyTests
    {
        private const string Sensors =
            "sensor = contact 5 Front door\nsensor = analog 34 above 2000 1800 Water level\nsensor = tamper 14 Case\nsensor = power 15 Mains\n";

        public static TheoryData<string, string, string, string> Table => new TheoryData<string, string, string, string>
        {
            // name, extra config, script, expected decisions
            { "long press fires after the cancel window", "", "d@0 u@2000 end@20000", "CuePending@1500 FirePanic@6500" },
            { "bounce at the press: hold runs from the last edge", "", "d@0 u@5 d@10 u@2000 end@20000", "CuePending@1510 FirePanic@6510" },
            { "bounce during the hold does not end the press", "", "d@0 u@1000 d@1010 u@3000 end@20000", "CuePending@1500 FirePanic@6500" },
            { "glitch shorter than the debounce is nothing", "", "d@0 u@10 end@20000", "" },
            { "pocket bump: one short press is nothing", "", "d@0 u@200 end@20000", "" },
            { "pocket bumps: four short presses are nothing", "", "d@0 u@100 d@300 u@400 d@600 u@700 d@900 u@1000 end@20000", "" },
            { "released 10 ms before the hold time is not a panic", "", "d@0 u@1490 end@20000", "" },
            { "held through the window fires at its end", "", "d@0 u@9000 end@20000", "CuePending@1500 FirePanic@6500" },
            { "cancel: a short press in the window", "", "d@0 u@2000 d@3000 u@3100 end@20000", "CuePending@1500 Cancel@3800 CueCancelled@3800" },
            { "cancel press with bounce", "", "d@0 u@2000 d@3000 u@3003 d@3006 u@3100 u@3102 end@20000", "CuePending@1500 Cancel@3800 CueCancelled@3800" },
            { "cancel press begun before the window closed still cancels", "", "d@0 u@2000 d@6490 u@6600 end@20000", "CuePending@1500 Cancel@7300 CueCancelled@7300" },
            { "press after the window is too late", "", "d@0 u@2000 d@7000 u@7100 end@20000", "CuePending@1500 FirePanic@6500" },
            { "duress: two presses look like a cancel", "", "d@0 u@2000 d@3000 u@3100 d@3300 u@3400 end@20000", "CuePending@1500 FireDuress@4100 CueCancelled@4100" },
            { "three presses are a cancel, not duress", "", "d@0 u@2000 d@3000 u@3100 d@3300 u@3400 d@3600 u@3700 end@20000", "CuePending@1500 Cancel@4400 CueCancelled@4400" },
            { "two presses farther apart than the gap: cancel", "", "d@0 u@2000 d@3000 u@3100 d@3900 u@4000 end@20000", "CuePending@1500 Cancel@3800 CueCancelled@3800" },
            { "duress pattern of three", "duress.presses = 3\n", "d@0 u@2000 d@3000 u@3100 d@3300 u@3400 d@3600 u@3700 end@20000", "CuePending@1500 FireDuress@4400 CueCancelled@4400" },
            { "duress off: two presses cancel", "duress.presses = 0\n", "d@0 u@2000 d@3000 u@3100 d@3300 u@3400 end@20000", "CuePending@1500 Cancel@4100 CueCancelled@4100" },
            { "second long press in the window sends at once", "", "d@0 u@2000 d@3000 u@5000 end@20000", "CuePending@1500 FirePanic@4500" },
            { "no cancel window: fires at the hold time", "panic.cancel_ms = 0\nduress.presses = 0\n", "d@0 u@2000 end@20000", "FirePanic@1500" },
            { "longer hold time", "panic.hold_ms = 3000\n", "d@0 u@2900 d@5000 u@8500 end@20000", "CuePending@8000 FirePanic@13000" },
            { "test alert: five quick presses", "", "d@0 u@100 d@300 u@400 d@600 u@700 d@900 u@1000 d@1200 u@1300 end@20000", "FireTest@2000" },
            { "test alert off", "test.presses = 0\n", "d@0 u@100 d@300 u@400 d@600 u@700 d@900 u@1000 d@1200 u@1300 end@20000", "" },
            { "contact opens: fires after the sensor debounce", Sensors, "s0+@1000 end@20000", "FireSensor#0@1050" },
            { "bouncing contact fires once", Sensors, "s0+@1000 s0-@1010 s0+@1020 s0-@1100 s0+@1120 end@20000", "FireSensor#0@1070" },
            { "contact glitch shorter than the debounce", Sensors, "s0+@1000 s0-@1020 end@20000", "" },
            { "rate limit: a second opening within the interval is dropped", Sensors, "s0+@0 s0-@1000 s0+@2000 s0-@3000 s0+@300060 end@400000", "FireSensor#0@50 RateLimited#0@2050 FireSensor#0@300110" },
            { "rate limit is per sensor", Sensors, "s0+@0 s2+@100 end@20000", "FireSensor#0@50 FireSensor#2@150" },
            { "analog hysteresis: hovering at the threshold alerts once", Sensors + "sensor.min_interval_s = 0\n", "a1=2100@0 a1=1950@100 a1=2050@200 a1=1990@300 a1=2000@400 end@1000", "FireSensor#1@0" },
            { "analog re-arms below the re-arm level", Sensors + "sensor.min_interval_s = 0\n", "a1=2100@0 a1=1800@100 a1=2000@200 end@1000", "FireSensor#1@0 FireSensor#1@200" },
            { "analog re-armed but rate-limited", Sensors, "a1=2100@0 a1=1700@100 a1=2000@200 end@1000", "FireSensor#1@0 RateLimited#1@200" },
            { "analog below threshold", "sensor = analog 34 below 500 800 Battery bank\n", "a0=900@0 a0=501@10 a0=500@20 a0=700@30 a0=400@40 end@100", "FireSensor#0@20" },
            { "power loss and tamper are sensors", Sensors, "s3+@0 s2+@10 end@1000", "FireSensor#3@50 FireSensor#2@60" },
            { "heartbeat every interval with the battery level", "heartbeat.interval_min = 15\n", "b80@10 b75@1000000 end@1900000", "FireHeartbeat%80@900000 FireHeartbeat%75@1800000" },
            { "missed heartbeats are not replayed", "heartbeat.interval_min = 15\n", "b80@10 late@3000000 end@4000000", "FireHeartbeat%80@900000 FireHeartbeat%80@3900000" },
            { "low battery alerts once until it recovers", "", "b25@0 b20@100 b19@200 b25@300 b20@400 b30@500 b20@600 end@700", "FireLowBattery%20@100 FireLowBattery%20@600" },
            { "low battery off", "battery.low_percent = 0\n", "b5@0 end@100", "" },
            { "sensor during a pending panic fires too", Sensors, "d@0 u@2000 s0+@3000 end@20000", "CuePending@1500 FireSensor#0@3050 FirePanic@6500" },
        };

        [Theory]
        [MemberData(nameof(Table))]
        public void Step_Script_GivesDecisions(string name, string config, string script, string expected)
        {
            Assert.True(expected == PolicyScript.Run(PolicyScript.Settings(config), script), name + ": expected '" + expected + "', got '" + PolicyScript.Run(PolicyScript.Settings(config), script) + "'");
        }

        [Fact]
        public void Duress_ShowsExactlyWhatACancelShows()
        {
            // What the device shows is driven by the cues only; relative to the last release they must match.
            PolicySettings settings = PolicyScript.Settings("");
            string cancel = Cues(settings, new long[] { 0, 2000, 3000, 3100 });
            string duress = Cues(settings, new long[] { 0, 2000, 2700, 2800, 3000, 3100 });
            Assert.Equal(cancel, duress);
            Assert.Equal("CuePending@-1600 CueCancelled@700", cancel);
        }

        private static string Cues(PolicySettings settings, long[] edges)
        {
            var policy = new AlertPolicy(settings);
            policy.Start(0);
            for (int i = 0; i < edges.Length; i++)
            {
                policy.ButtonLevel(i % 2 == 0, edges[i]);
            }
            policy.Step(20000);
            long lastRelease = edges[edges.Length - 1];
            return string.Join(" ", Array.FindAll(policy.TakeDecisions(), d => d.Kind == DecisionKind.CuePending || d.Kind == DecisionKind.CueCancelled)
                .Select(d => d.Kind + "@" + (d.Time - lastRelease)));
        }

        [Fact]
        public void Step_LateWake_SameDecisionsAsTimely()
        {
            PolicySettings settings = PolicyScript.Settings("");
            var policy = new AlertPolicy(settings);
            policy.Start(0);
            policy.ButtonLevel(true, 0);
            policy.ButtonLevel(false, 2000);
            policy.ButtonLevel(true, 3000);
            policy.ButtonLevel(false, 3100);
            Assert.Equal(AlertPolicy.Never, policy.Step(50000));
            Decision[] decisions = policy.TakeDecisions();
            Assert.Equal(new[] { DecisionKind.CuePending, DecisionKind.Cancel, DecisionKind.CueCancelled }, Array.ConvertAll(decisions, d => d.Kind));
            Assert.Empty(policy.TakeDecisions());
        }

        [Fact]
        public void Step_ReturnsNextTimer()
        {
            var policy = new AlertPolicy(PolicyScript.Settings(""));
            Assert.Equal(AlertPolicy.Never, policy.Start(0));
            policy.ButtonLevel(true, 100);
            Assert.Equal(130, policy.Step(100));
            Assert.Equal(1600, policy.Step(130));
            Assert.Equal(ButtonState.Held, policy.State);
        }

        [Fact]
        public void Inputs_BeforeStart_Throw()
        {
            var policy = new AlertPolicy(PolicyScript.Settings(""));
            Assert.Throws<InvalidOperationException>(() => policy.ButtonLevel(true, 0));
            policy.Start(0);
            policy.Stop();
            Assert.Throws<InvalidOperationException>(() => policy.Step(1));
        }

        [Fact]
        public void AnalogAlert_CarriesTheSampleThatCrossed_DigitalCarriesNone()
        {
            var policy = new AlertPolicy(PolicyScript.Settings(Sensors + "sensor.debounce_ms = 0\n"));
            policy.Start(0);
            policy.AnalogSample(1, 1900, 10);
            policy.AnalogSample(1, 2140, 20);
            policy.SensorLevel(0, true, 30);
            policy.Step(1000);
            Decision[] decisions = policy.TakeDecisions();
            Assert.Equal(2, decisions.Length);
            Assert.Equal((DecisionKind.FireSensor, 1, 2140), (decisions[0].Kind, decisions[0].Sensor, decisions[0].Reading));
            Assert.Equal((DecisionKind.FireSensor, 0, Decision.NoReading), (decisions[1].Kind, decisions[1].Sensor, decisions[1].Reading));
        }

        [Fact]
        public void Inputs_WrongSensor_Throw()
        {
            var policy = new AlertPolicy(PolicyScript.Settings(Sensors));
            policy.Start(0);
            Assert.Throws<ArgumentException>(() => policy.SensorLevel(4, true, 0));
            Assert.Throws<ArgumentException>(() => policy.SensorLevel(-1, true, 0));
            Assert.Throws<ArgumentException>(() => policy.SensorLevel(1, true, 0));
            Assert.Throws<ArgumentException>(() => policy.AnalogSample(0, 5, 0));
            Assert.Throws<ArgumentException>(() => policy.BatteryLevel(101, 0));
            Assert.Throws<ArgumentNullException>(() => new AlertPolicy(null));
        }
    }
}
