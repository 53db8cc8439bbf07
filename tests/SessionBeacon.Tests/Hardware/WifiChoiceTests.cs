using System;
using System.Collections.Generic;
using SessionBeacon.Hardware;
using Xunit;

namespace SessionBeacon.Tests.Hardware
{
    public class WifiChoiceTests
    {
        private static readonly string[] s_networks = { "Home", "Work", "Phone" };

        // Each row: what a scan heard ("name:dBm", in the order reported), then the order to try.
        public static TheoryData<string[], string[]> Orders => new TheoryData<string[], string[]>
        {
            // Nothing heard (or a failed scan): nf.config's order.
            { new string[0], new[] { "Home", "Work", "Phone" } },
            // The strongest first when it is clearly stronger; the ones not heard after, in nf.config's order.
            { new[] { "Phone:-45" }, new[] { "Phone", "Home", "Work" } },
            { new[] { "Home:-80", "Phone:-50" }, new[] { "Phone", "Home", "Work" } },
            // Alike within 10 dB: nf.config's order wins.
            { new[] { "Phone:-55", "Home:-65" }, new[] { "Home", "Phone", "Work" } },
            { new[] { "Phone:-55", "Home:-66" }, new[] { "Phone", "Home", "Work" } },
            { new[] { "Work:-60", "Home:-60", "Phone:-60" }, new[] { "Home", "Work", "Phone" } },
            // After the first pick the rule starts again among the rest: Work is alike to Phone, not to Home.
            { new[] { "Home:-40", "Phone:-52", "Work:-60" }, new[] { "Home", "Work", "Phone" } },
            // An access point heard several times counts at its strongest; unknown and hidden names are never tried.
            { new[] { "Home:-90", "Cafe:-30", ":-20", "Home:-50", "Phone:-70", "Home:-88" }, new[] { "Home", "Phone", "Work" } },
            // Names are case-sensitive, as the radio compares them.
            { new[] { "home:-30", "Work:-70" }, new[] { "Work", "Home", "Phone" } },
            // A signal below any radio's floor counts as the weakest one, not as unheard.
            { new[] { "Work:" + int.MinValue, "Phone:" + (int.MinValue + 1) }, new[] { "Work", "Phone", "Home" } },
        };

        [Theory]
        [MemberData(nameof(Orders))]
        public void Order_Scan_TriesInThisOrder(string[] heard, string[] expected)
        {
            var choice = new WifiChoice(s_networks);
            foreach (string report in heard)
            {
                int colon = report.LastIndexOf(':');
                choice.Heard(report.Substring(0, colon), int.Parse(report.Substring(colon + 1)));
            }
            choice.Order();
            Assert.Equal(expected, Tried(choice));
        }

        [Fact]
        public void Forget_AfterAScan_NothingHeardAndNfConfigOrder()
        {
            var choice = new WifiChoice(s_networks);
            choice.Heard("Phone", -40);
            choice.Order();
            choice.Forget();
            Assert.Equal(WifiChoice.NotHeard, choice.Signal(2));
            Assert.Equal(s_networks, Tried(choice));
        }

        [Fact]
        public void Signal_HeardTwice_TheStrongest()
        {
            var choice = new WifiChoice(s_networks);
            choice.Heard("Work", -70);
            choice.Heard("Work", -61);
            choice.Heard("Work", -75);
            Assert.Equal(-61, choice.Signal(1));
            Assert.Equal(WifiChoice.NotHeard, choice.Signal(0));
        }

        [Fact]
        public void Next_AfterTheLast_NoneLeft()
        {
            var choice = new WifiChoice(new[] { "Home" });
            choice.Order();
            Assert.Equal(0, choice.Next());
            Assert.Equal(WifiChoice.NoneLeft, choice.Next());
            Assert.Equal(WifiChoice.NoneLeft, choice.Next());
        }

        [Fact]
        public void Constructor_NullName_Throws()
        {
            Assert.Throws<ArgumentNullException>("ssids", () => new WifiChoice(null));
            Assert.Throws<ArgumentNullException>("ssids", () => new WifiChoice(new[] { "Home", null }));
        }

        // A beacon looks for Wi-Fi every few minutes for weeks: a scan and an order must not allocate.
        [Fact]
        public void ScanAndOrder_AllocateNothing()
        {
            var choice = new WifiChoice(new[] { "Home", "Work", "Phone", "Library" });
            string cafe = "Cafe";
            string home = "Home";
            Cycle(choice, cafe, home);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                Cycle(choice, cafe, home);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static void Cycle(WifiChoice choice, string unknown, string known)
        {
            choice.Forget();
            choice.Heard(unknown, -40);
            choice.Heard(known, -70);
            choice.Order();
            while (choice.Next() != WifiChoice.NoneLeft)
            {
            }
        }

        private static string[] Tried(WifiChoice choice)
        {
            var tried = new List<string>();
            for (int network = choice.Next(); network != WifiChoice.NoneLeft; network = choice.Next())
            {
                tried.Add(s_networks[network]);
            }
            return tried.ToArray();
        }
    }
}
