using System;
using System.Collections.Generic;
using System.Globalization;
using SessionBeacon.Config;
using SessionBeacon.Policy;

namespace SessionBeacon.Tests.Policy
{
    /// <summary>
    /// Runs a timed input script against an AlertPolicy on a fake clock, waking it at every time it
    /// asks for, as the device does. Script tokens: "d@t" / "u@t" button down / up, "sN+@t" / "sN-@t"
    /// sensor N active / inactive, "aN=v@t" analog sample, "bP@t" battery percent, "end@t" run until t, waking at
    /// every time asked for, "late@t" wake first at t (the device slept through).
    /// Decisions come back as "Kind@time" (sensor decisions "Kind#N@time", battery ones "Kind%P@time").
    /// </summary>
    internal static class PolicyScript
    {
        public const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";

        public static PolicySettings Settings(string extraConfig)
        {
            return BeaconConfig.Parse("board = esp32-devkitc\nrecipient = " + Alice + " Alice\n" + extraConfig, "nf.config").Policy;
        }

        public static string Run(PolicySettings settings, string script)
        {
            var policy = new AlertPolicy(settings);
            var seen = new List<string>();
            long wake = policy.Start(0);
            foreach (string token in script.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int at = token.IndexOf('@');
                long time = long.Parse(token.Substring(at + 1), CultureInfo.InvariantCulture);
                string what = token.Substring(0, at);
                while (wake <= time && what != "late")
                {
                    wake = policy.Step(wake);
                    Collect(policy, seen);
                }
                if (what == "d" || what == "u")
                {
                    policy.ButtonLevel(what == "d", time);
                }
                else if (what[0] == 's')
                {
                    policy.SensorLevel(int.Parse(what.Substring(1, what.Length - 2), CultureInfo.InvariantCulture), what[what.Length - 1] == '+', time);
                }
                else if (what[0] == 'a')
                {
                    int equals = what.IndexOf('=');
                    policy.AnalogSample(int.Parse(what.Substring(1, equals - 1), CultureInfo.InvariantCulture), int.Parse(what.Substring(equals + 1), CultureInfo.InvariantCulture), time);
                }
                else if (what[0] == 'b')
                {
                    policy.BatteryLevel(int.Parse(what.Substring(1), CultureInfo.InvariantCulture), time);
                }
                else if (what == "end" || what == "late")
                {
                    wake = policy.Step(time);
                }
                else
                {
                    throw new ArgumentException("bad script token " + token);
                }
                Collect(policy, seen);
            }
            return string.Join(" ", seen);
        }

        private static void Collect(AlertPolicy policy, List<string> seen)
        {
            foreach (Decision decision in policy.TakeDecisions())
            {
                string text = decision.Kind.ToString();
                if (decision.Sensor != Decision.NoSensor)
                {
                    text += "#" + decision.Sensor;
                }
                if (decision.Kind == DecisionKind.FireHeartbeat || decision.Kind == DecisionKind.FireLowBattery)
                {
                    text += "%" + decision.BatteryPercent;
                }
                seen.Add(text + "@" + decision.Time);
            }
        }
    }
}
