using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Decodes signatures into <see cref="ShapedType"/>s, attaching a problem to every shape that
    /// nanoCLR 1.x cannot run: generic instantiations and parameters, multi-dimensional arrays,
    /// pointers and function pointers.
    /// </summary>
    internal sealed class SignatureShapes : ISignatureTypeProvider<ShapedType, object>
    {
        private readonly MetadataReader _reader;

        public SignatureShapes(MetadataReader reader)
        {
            _reader = reader;
        }

        public ShapedType Shape(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return GetTypeFromDefinition(_reader, (TypeDefinitionHandle)handle, 0);
                case HandleKind.TypeReference:
                    return GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0);
                case HandleKind.TypeSpecification:
                    return GetTypeFromSpecification(_reader, null, (TypeSpecificationHandle)handle, 0);
                default:
                    return ShapedType.Plain(handle.Kind.ToString());
            }
        }

        public string MemberName(EntityHandle method)
        {
            if (method.Kind == HandleKind.MethodDefinition)
            {
                MethodDefinition definition = _reader.GetMethodDefinition((MethodDefinitionHandle)method);
                return Shape(definition.GetDeclaringType()).Name + "." + _reader.GetString(definition.Name);
            }
            MemberReference reference = _reader.GetMemberReference((MemberReferenceHandle)method);
            return Shape(reference.Parent).Name + "." + _reader.GetString(reference.Name);
        }

        public ShapedType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            string name = reader.GetString(type.Name);
            TypeDefinitionHandle outer = type.GetDeclaringType();
            if (!outer.IsNil)
            {
                return ShapedType.Plain(GetTypeFromDefinition(reader, outer, 0).Name + "+" + name);
            }
            string ns = reader.GetString(type.Namespace);
            return ShapedType.Plain(ns.Length == 0 ? name : ns + "." + name);
        }

        public ShapedType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference type = reader.GetTypeReference(handle);
            string name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return ShapedType.Plain(GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, 0).Name + "+" + name);
            }
            string ns = reader.GetString(type.Namespace);
            return ShapedType.Plain(ns.Length == 0 ? name : ns + "." + name);
        }

        public ShapedType GetTypeFromSpecification(MetadataReader reader, object context, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            return reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        }

        public ShapedType GetGenericInstantiation(ShapedType genericType, ImmutableArray<ShapedType> typeArguments)
        {
            string name = genericType.Name + "<" + ShapedType.NameList(typeArguments) + ">";
            return ShapedType.Composed(name, typeArguments, "generic instantiation " + name);
        }

        public ShapedType GetGenericMethodParameter(object context, int index)
        {
            return ShapedType.Composed("!!" + index, new ShapedType[0], "generic method parameter !!" + index);
        }

        public ShapedType GetGenericTypeParameter(object context, int index)
        {
            return ShapedType.Composed("!" + index, new ShapedType[0], "generic type parameter !" + index);
        }

        public ShapedType GetArrayType(ShapedType elementType, ArrayShape shape)
        {
            string name = elementType.Name + "[" + new string(',', shape.Rank - 1) + "]";
            return ShapedType.Composed(name, new[] { elementType }, "multi-dimensional array " + name);
        }

        public ShapedType GetPointerType(ShapedType elementType)
        {
            string name = elementType.Name + "*";
            return ShapedType.Composed(name, new[] { elementType }, "pointer type " + name);
        }

        public ShapedType GetFunctionPointerType(MethodSignature<ShapedType> signature)
        {
            return ShapedType.Composed("delegate*", new ShapedType[0], "function pointer type");
        }

        public ShapedType GetSZArrayType(ShapedType elementType)
        {
            return ShapedType.Composed(elementType.Name + "[]", new[] { elementType });
        }

        public ShapedType GetByReferenceType(ShapedType elementType)
        {
            return ShapedType.Composed(elementType.Name + "&", new[] { elementType });
        }

        public ShapedType GetPinnedType(ShapedType elementType) => elementType;

        public ShapedType GetModifiedType(ShapedType modifier, ShapedType unmodifiedType, bool isRequired) => unmodifiedType;

        public ShapedType GetPrimitiveType(PrimitiveTypeCode typeCode) => ShapedType.Plain(typeCode.ToString());
    }
}
