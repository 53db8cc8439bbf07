namespace DeviceCheck.Tests
{
    /// <summary>One named value of an enum; the value as decimal text, so every underlying type compares alike.</summary>
    public sealed class ApiEnumValue
    {
        public ApiEnumValue(string name, string value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }

        public string Value { get; }
    }
}
