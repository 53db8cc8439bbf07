using System.Collections.Generic;
using SessionBeacon.Harness.Device;
using Xunit;

namespace SessionBeacon.Harness.Tests.Device
{
    /// <summary>The LED and buzzer lines name what they show.</summary>
    public class TerminalIndicatorTests
    {
        [Fact]
        public void Set_EachChangeNamesItsPattern_OffKeepsTheName_APatternOverTheSteadyLightIsShown()
        {
            var lines = new List<string>();
            string showing = "panic pending";
            var led = new TerminalIndicator("LED", () => showing, lines.Add);

            led.Set(false);
            led.Set(true);
            led.Set(true);
            showing = "delivered";
            led.Set(true);
            showing = "panic pending";
            led.Set(false);
            led.Set(false);

            Assert.Equal(new[] { "LED on (panic pending)", "LED on (delivered)", "LED off (delivered)" }, lines);
        }
    }
}
