namespace SessionBeacon.Config
{
    /// <summary>What a configured sensor input is (the <c>sensor</c> lines of nf.config).</summary>
    public enum SensorKind
    {
        /// <summary>A door or window contact: active when the contact opens.</summary>
        Contact,

        /// <summary>A motion detector (PIR) output: active when high.</summary>
        Motion,

        /// <summary>An analog input compared with a threshold, with hysteresis.</summary>
        Analog,

        /// <summary>A case tamper switch: active when the case opens.</summary>
        Tamper,

        /// <summary>An external-power sense input: active when mains or USB power is lost.</summary>
        PowerLoss,
    }
}
