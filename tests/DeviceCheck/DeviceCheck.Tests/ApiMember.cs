using System.Collections.Generic;
using System.Linq;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// One member a type declares, in the terms of Manifests/api.json: kind (constructor, method,
    /// operator, property, indexer, event, field, const, explicit_interface_implementation), name,
    /// static or not, accessibility, types and parameters.
    /// </summary>
    public sealed class ApiMember
    {
        public string Kind { get; init; }

        /// <summary>The metadata name: .ctor, op_Equality, System.IDisposable.Dispose, ...</summary>
        public string Name { get; init; }

        public bool IsStatic { get; init; }

        /// <summary>public, protected or protected internal; private (explicit) for explicit interface implementations; null for properties (see Get/Set).</summary>
        public string Access { get; init; }

        /// <summary>Methods, operators and explicit implementations: the return type.</summary>
        public string ReturnType { get; init; }

        /// <summary>Properties, indexers, events and fields: the type.</summary>
        public string Type { get; init; }

        /// <summary>Properties: the getter's accessibility, or null when there is none callers can use.</summary>
        public string Get { get; init; }

        public string Set { get; init; }

        /// <summary>Fields: whether only a constructor may assign it.</summary>
        public bool IsReadOnly { get; init; }

        /// <summary>Constants: the value as JSON text.</summary>
        public string Value { get; init; }

        /// <summary>abstract, virtual, override, sealed; never extern, which callers cannot see.</summary>
        public IReadOnlyList<string> Modifiers { get; init; } = new string[0];

        public IReadOnlyList<ApiParameter> Parameters { get; init; } = new ApiParameter[0];

        /// <summary>What identifies the member among overloads: its name and parameter types.</summary>
        public string Key => Name + "(" + string.Join(",", Parameters.Select(parameter => parameter.Type)) + ")";

        /// <summary>A C#-like line, for messages.</summary>
        public override string ToString()
        {
            var words = new List<string>();
            if (Access != null)
            {
                words.Add(Access);
            }
            if (IsStatic)
            {
                words.Add("static");
            }
            words.AddRange(Modifiers);
            switch (Kind)
            {
                case "constructor":
                    return Join(words, "constructor(" + ParameterList() + ")");
                case "property":
                case "indexer":
                    string name = Kind == "indexer" ? "this[" + ParameterList() + "]" : Name;
                    return Join(words, Type + " " + name + " { " + (Get != null ? Get + " get; " : "") + (Set != null ? Set + " set; " : "") + "}");
                case "event":
                    return Join(words, "event " + Type + " " + Name);
                case "field":
                    return Join(words, (IsReadOnly ? "readonly " : "") + Type + " " + Name);
                case "const":
                    return Join(words, "const " + Type + " " + Name + " = " + Value);
                default:
                    return Join(words, ReturnType + " " + Name + "(" + ParameterList() + ")");
            }
        }

        private string ParameterList() => string.Join(", ", Parameters.Select(parameter => parameter.ToString()));

        private static string Join(List<string> words, string rest)
        {
            words.Add(rest);
            return string.Join(" ", words);
        }
    }
}
