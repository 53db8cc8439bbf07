namespace DeviceCheck.Tests
{
    /// <summary>One &lt;package id version&gt; line of a packages.config.</summary>
    public sealed record PackagePin(string Id, string Version);
}
