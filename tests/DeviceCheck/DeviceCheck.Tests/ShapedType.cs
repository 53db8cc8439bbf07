using System.Collections.Generic;
using System.Collections.Immutable;

namespace DeviceCheck.Tests
{
    /// <summary>A type as written in a signature, with the reasons it cannot run on nanoCLR.</summary>
    public sealed class ShapedType
    {
        public ShapedType(string name, IEnumerable<string> problems)
        {
            Name = name;
            Problems = new List<string>(problems);
        }

        public string Name { get; }

        public IReadOnlyList<string> Problems { get; }

        public static ShapedType Plain(string name) => new ShapedType(name, new string[0]);

        /// <summary>A type built from others: it inherits their problems and may add its own.</summary>
        public static ShapedType Composed(string name, IEnumerable<ShapedType> parts, string problem = null)
        {
            var problems = new List<string>();
            if (problem != null)
            {
                problems.Add(problem);
            }
            foreach (ShapedType part in parts)
            {
                foreach (string inner in part.Problems)
                {
                    if (!problems.Contains(inner))
                    {
                        problems.Add(inner);
                    }
                }
            }
            return new ShapedType(name, problems);
        }

        public static string NameList(ImmutableArray<ShapedType> types)
        {
            var names = new List<string>();
            foreach (ShapedType type in types)
            {
                names.Add(type.Name);
            }
            return string.Join(",", names);
        }
    }
}
