using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Decodes signatures into the type names Manifests/api.json uses: System.Int32, System.Byte[],
    /// Outer+Nested, by-reference types ending in '&amp;'.
    /// </summary>
    internal sealed class ClrTypeNames : ISignatureTypeProvider<string, object>
    {
        public static readonly ClrTypeNames Instance = new ClrTypeNames();

        public string Name(MetadataReader reader, EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return GetTypeFromDefinition(reader, (TypeDefinitionHandle)handle, 0);
                case HandleKind.TypeReference:
                    return GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0);
                default:
                    return GetTypeFromSpecification(reader, null, (TypeSpecificationHandle)handle, 0);
            }
        }

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            TypeDefinitionHandle outer = type.GetDeclaringType();
            if (!outer.IsNil)
            {
                return GetTypeFromDefinition(reader, outer, 0) + "+" + reader.GetString(type.Name);
            }
            return Qualified(reader.GetString(type.Namespace), reader.GetString(type.Name));
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference type = reader.GetTypeReference(handle);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, 0) + "+" + reader.GetString(type.Name);
            }
            return Qualified(reader.GetString(type.Namespace), reader.GetString(type.Name));
        }

        public string GetTypeFromSpecification(MetadataReader reader, object context, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            return reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";

        public string GetGenericTypeParameter(object context, int index) => "!" + index;

        public string GetGenericMethodParameter(object context, int index) => "!!" + index;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "delegate*<" + string.Join(",", signature.ParameterTypes.Append(signature.ReturnType)) + ">";

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
    }
}
