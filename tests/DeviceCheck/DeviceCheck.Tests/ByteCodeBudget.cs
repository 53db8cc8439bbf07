// The byte-code budget of one device assembly (docs/portable-csharp.md §5). nanoFramework's
// metadata processor refuses an assembly whose byte code passes 65,535 bytes ("Byte code table
// overflow"), and only the device build runs it. The device check counts IL instead (the sum of the
// method bodies' IL) and converts with the highest IL-to-byte-code ratio measured: 0.834, the core's
// in Release (62,658 bytes of byte code from 75,124 of IL; the app converted at 0.770 to 0.776, the
// nanoFramework libraries at 0.73 to 0.81). In Debug (no optimisation) the app's ratio was 0.035
// higher than in Release (0.805 and 0.811); the core's Debug ratio cannot be measured, as the
// metadata processor refused the unsplit core, so Debug assumes 0.834 + 0.035 = 0.869. An assembly
// must keep 15 % of the limit free in both configurations, room for the next features.
using System;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace DeviceCheck.Tests
{
    /// <summary>How much IL a device assembly may have, and what to say when it has more.</summary>
    public static class ByteCodeBudget
    {
        /// <summary>Bytes of byte code the metadata processor accepts in one assembly.</summary>
        public const int Limit = 65535;

        /// <summary>The share of <see cref="Limit"/> an assembly may use: 15 % stays free.</summary>
        public const double Share = 0.85;

        /// <summary>Bytes of byte code per byte of IL, at their highest for the configuration.</summary>
        public static double Ratio(OptimizationLevel configuration)
        {
            return configuration == OptimizationLevel.Release ? 0.834 : 0.869;
        }

        /// <summary>The most IL bytes an assembly may have in the configuration.</summary>
        public static int MaxIl(OptimizationLevel configuration)
        {
            return (int)Math.Floor(Share * Limit / Ratio(configuration));
        }

        /// <summary>The byte code that <paramref name="il"/> bytes of IL are expected to become.</summary>
        public static int EstimatedByteCode(int il, OptimizationLevel configuration)
        {
            return (int)Math.Round(il * Ratio(configuration));
        }

        /// <summary>One line with the figures, for the test output.</summary>
        public static string Describe(string assembly, OptimizationLevel configuration, int il)
        {
            int byteCode = EstimatedByteCode(il, configuration);
            return string.Format(CultureInfo.InvariantCulture,
                "{0} ({1}): {2:N0} bytes of IL, about {3:N0} bytes of byte code ({4:0}% of {5:N0}); budget {6:N0} bytes of IL ({7:0}% used)",
                assembly, configuration, il, byteCode, 100.0 * byteCode / Limit, Limit, MaxIl(configuration), 100.0 * il / MaxIl(configuration));
        }

        /// <summary>Null when <paramref name="il"/> is within the budget, else a one-line message saying what to do.</summary>
        public static string Problem(string assembly, OptimizationLevel configuration, int il)
        {
            if (il <= MaxIl(configuration))
            {
                return null;
            }
            return string.Format(CultureInfo.InvariantCulture,
                "{0} ({1}) has {2:N0} bytes of IL, about {3:N0} bytes of byte code at {4} per IL byte, over its budget of {5:N0} bytes of IL "
                + "({6:0}% of the {7:N0} bytes the nanoFramework metadata processor accepts in one assembly): split it along a concern "
                + "into a new device project with its own .nfproj, as Session.Core.Crypto was split from the core (docs/portable-csharp.md §5)",
                assembly, configuration, il, EstimatedByteCode(il, configuration), Ratio(configuration), MaxIl(configuration), 100 * Share, Limit);
        }
    }
}
