using System.Collections.Generic;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// One public type as callers see it: what it is, what it derives from and implements, and what
    /// it declares. Read either from Manifests/api.json (the real nanoFramework library) or from a
    /// compiled assembly (the shims), so the two can be compared.
    /// </summary>
    public sealed class ApiType
    {
        /// <summary>CLR name: namespace and name, nested types joined with '+'.</summary>
        public string FullName { get; init; }

        /// <summary>class, struct, enum, interface or delegate.</summary>
        public string Kind { get; init; }

        /// <summary>static, abstract or sealed for classes; readonly for structs.</summary>
        public IReadOnlyList<string> Modifiers { get; init; } = new string[0];

        /// <summary>Classes only; null for the other kinds.</summary>
        public string BaseType { get; init; }

        public IReadOnlyList<string> Interfaces { get; init; } = new string[0];

        /// <summary>Whether the type carries [Flags] (enums).</summary>
        public bool IsFlags { get; init; }

        /// <summary>The NuGet package that ships the type (manifest only).</summary>
        public string Package { get; init; }

        public string PackageVersion { get; init; }

        /// <summary>Enums: the underlying integer type.</summary>
        public string UnderlyingType { get; init; }

        /// <summary>Enums: every name with its value, in declaration order.</summary>
        public IReadOnlyList<ApiEnumValue> Values { get; init; } = new ApiEnumValue[0];

        /// <summary>Delegates: the Invoke method.</summary>
        public ApiMember Invoke { get; init; }

        /// <summary>The public and protected members declared on the type itself, and its explicit interface implementations.</summary>
        public IReadOnlyList<ApiMember> Members { get; init; } = new ApiMember[0];
    }
}
