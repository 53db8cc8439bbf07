namespace DeviceCheck.Tests
{
    /// <summary>A parameter: type (by-reference types end in '&amp;'), name, ref/out/in, and its default if optional.</summary>
    public sealed class ApiParameter
    {
        public string Type { get; init; }

        public string Name { get; init; }

        /// <summary>ref, out or in for by-reference parameters, else null.</summary>
        public string Direction { get; init; }

        public bool Optional { get; init; }

        /// <summary>The default as JSON text (0, false, null, "text"); null when the parameter is not optional.</summary>
        public string Default { get; init; }

        public override string ToString()
        {
            string text = (Direction != null ? Direction + " " : "") + Type + " " + Name;
            return Optional ? text + " = " + Default : text;
        }
    }
}
