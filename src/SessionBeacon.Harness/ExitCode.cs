namespace SessionBeacon.Harness
{
    /// <summary>What the harness returns to the shell.</summary>
    public enum ExitCode
    {
        Ok = 0,
        Failed = 1,
        UsageError = 2,
        ConfigError = 3,
    }
}
