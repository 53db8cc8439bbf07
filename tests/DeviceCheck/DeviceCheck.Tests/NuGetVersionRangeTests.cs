using System;
using Xunit;

namespace DeviceCheck.Tests
{
    public class NuGetVersionRangeTests
    {
        [Theory]
        [InlineData("1.11.37", "1.11.37", true)]
        [InlineData("1.11.37", "1.11.36", false)]
        [InlineData("1.11.37", "2.0.0", true)]
        [InlineData("[1.11.37, )", "1.11.37", true)]
        [InlineData("[1.11.37, )", "1.11.32", false)]
        [InlineData("(1.0, 2.0]", "1.0", false)]
        [InlineData("(1.0, 2.0]", "1.5.3", true)]
        [InlineData("(1.0, 2.0]", "2.0", true)]
        [InlineData("(1.0, 2.0)", "2.0", false)]
        [InlineData("[1.2.3]", "1.2.3", true)]
        [InlineData("[1.2.3]", "1.2.4", false)]
        [InlineData("(, 1.5)", "0.1", true)]
        [InlineData("(, 1.5)", "1.5", false)]
        public void Contains_FollowsNuGetRangeRules(string range, string version, bool contained)
        {
            Assert.Equal(contained, NuGetVersionRange.Parse(range).Contains(Version.Parse(version)));
        }

        [Theory]
        [InlineData("")]
        [InlineData("[1.0, 2.0")]
        [InlineData("[1.0, 2.0, 3.0]")]
        [InlineData("one")]
        public void Parse_Malformed_Throws(string range)
        {
            Assert.ThrowsAny<FormatException>(() => NuGetVersionRange.Parse(range));
        }
    }
}
