namespace DeviceCheck.Tests
{
    /// <summary>One &lt;Reference Include&gt; of a .nfproj with its HintPath (null when it has none).</summary>
    public sealed record NfprojReference(string Include, string HintPath)
    {
        /// <summary>The assembly's simple name: Include without ", Version=..." and the like.</summary>
        public string AssemblyName => Include.Split(',')[0].Trim();
    }
}
