using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The IL of a compiled assembly, counted as the measured IL-to-byte-code ratios count it
    /// (docs/portable-csharp.md §5): the instructions of every method body, without body headers
    /// and exception clauses.
    /// </summary>
    public static class IlBytes
    {
        public static int Count(byte[] image)
        {
            using var pe = new PEReader(ImmutableArray.Create(image));
            MetadataReader reader = pe.GetMetadataReader();
            int total = 0;
            foreach (MethodDefinitionHandle handle in reader.MethodDefinitions)
            {
                MethodDefinition method = reader.GetMethodDefinition(handle);
                if (method.RelativeVirtualAddress != 0)
                {
                    total += pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes().Length;
                }
            }
            return total;
        }
    }
}
