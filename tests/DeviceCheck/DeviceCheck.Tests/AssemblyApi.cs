using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Reads the public API of a compiled assembly from its metadata into <see cref="ApiType"/>s, in
    /// the terms of Manifests/api.json: what callers compile against, which is what the shims must
    /// get right.
    /// </summary>
    public static class AssemblyApi
    {
        public static IReadOnlyList<ApiType> Read(byte[] image)
        {
            using var pe = new PEReader(ImmutableArray.Create(image));
            MetadataReader reader = pe.GetMetadataReader();
            return reader.TypeDefinitions.Where(handle => IsVisible(reader, handle)).Select(handle => ReadType(reader, handle)).ToList();
        }

        private static bool IsVisible(MetadataReader reader, TypeDefinitionHandle handle)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            switch (type.Attributes & TypeAttributes.VisibilityMask)
            {
                case TypeAttributes.Public:
                    return true;
                case TypeAttributes.NestedPublic:
                case TypeAttributes.NestedFamily:
                case TypeAttributes.NestedFamORAssem:
                    return IsVisible(reader, type.GetDeclaringType());
                default:
                    return false;
            }
        }

        private static ApiType ReadType(MetadataReader reader, TypeDefinitionHandle handle)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            string baseType = type.BaseType.IsNil ? null : ClrTypeNames.Instance.Name(reader, type.BaseType);
            string kind = KindOf(type, baseType);
            var methods = type.GetMethods().Select(reader.GetMethodDefinition).ToList();
            return new ApiType
            {
                FullName = ClrTypeNames.Instance.GetTypeFromDefinition(reader, handle, 0),
                Kind = kind,
                Modifiers = TypeModifiers(reader, type, kind),
                BaseType = kind == "class" ? baseType : null,
                Interfaces = type.GetInterfaceImplementations()
                    .Select(implementation => ClrTypeNames.Instance.Name(reader, reader.GetInterfaceImplementation(implementation).Interface)).ToList(),
                IsFlags = HasAttribute(reader, type.GetCustomAttributes(), "System.FlagsAttribute"),
                UnderlyingType = kind == "enum" ? EnumUnderlyingType(reader, type) : null,
                Values = kind == "enum" ? EnumValues(reader, type) : new ApiEnumValue[0],
                Invoke = kind == "delegate" ? InvokeOf(reader, methods.Single(method => reader.GetString(method.Name) == "Invoke")) : null,
                Members = kind == "enum" || kind == "delegate" ? new ApiMember[0] : ReadMembers(reader, type),
            };
        }

        private static string KindOf(TypeDefinition type, string baseType)
        {
            if ((type.Attributes & TypeAttributes.Interface) != 0)
            {
                return "interface";
            }
            switch (baseType)
            {
                case "System.Enum":
                    return "enum";
                case "System.ValueType":
                    return "struct";
                case "System.MulticastDelegate":
                    return "delegate";
                default:
                    return "class";
            }
        }

        private static IReadOnlyList<string> TypeModifiers(MetadataReader reader, TypeDefinition type, string kind)
        {
            bool isAbstract = (type.Attributes & TypeAttributes.Abstract) != 0;
            bool isSealed = (type.Attributes & TypeAttributes.Sealed) != 0;
            if (kind == "class")
            {
                return isAbstract && isSealed ? new[] { "static" } : isAbstract ? new[] { "abstract" } : isSealed ? new[] { "sealed" } : new string[0];
            }
            if (kind == "struct" && HasAttribute(reader, type.GetCustomAttributes(), "System.Runtime.CompilerServices.IsReadOnlyAttribute"))
            {
                return new[] { "readonly" };
            }
            return new string[0];
        }

        private static string EnumUnderlyingType(MetadataReader reader, TypeDefinition type)
        {
            FieldDefinition valueField = type.GetFields().Select(reader.GetFieldDefinition).First(field => (field.Attributes & FieldAttributes.Static) == 0);
            return valueField.DecodeSignature(ClrTypeNames.Instance, null);
        }

        private static IReadOnlyList<ApiEnumValue> EnumValues(MetadataReader reader, TypeDefinition type)
        {
            return type.GetFields().Select(reader.GetFieldDefinition)
                .Where(field => (field.Attributes & FieldAttributes.Literal) != 0)
                .Select(field => new ApiEnumValue(reader.GetString(field.Name), ConstantText(reader, field.GetDefaultValue())))
                .ToList();
        }

        private static IReadOnlyList<ApiMember> ReadMembers(MetadataReader reader, TypeDefinition type)
        {
            var members = new List<ApiMember>();
            var accessors = new HashSet<MethodDefinitionHandle>();
            foreach (PropertyDefinitionHandle handle in type.GetProperties())
            {
                PropertyDefinition property = reader.GetPropertyDefinition(handle);
                PropertyAccessors both = property.GetAccessors();
                accessors.Add(both.Getter);
                accessors.Add(both.Setter);
                ApiMember member = ReadProperty(reader, property);
                if (member != null)
                {
                    members.Add(member);
                }
            }
            foreach (EventDefinitionHandle handle in type.GetEvents())
            {
                EventDefinition definition = reader.GetEventDefinition(handle);
                EventAccessors both = definition.GetAccessors();
                accessors.Add(both.Adder);
                accessors.Add(both.Remover);
                MethodDefinition adder = reader.GetMethodDefinition(both.Adder);
                string access = Access(adder.Attributes);
                if (access != null)
                {
                    members.Add(new ApiMember
                    {
                        Kind = "event",
                        Name = reader.GetString(definition.Name),
                        IsStatic = (adder.Attributes & MethodAttributes.Static) != 0,
                        Access = access,
                        Type = ClrTypeNames.Instance.Name(reader, definition.Type),
                        Modifiers = MethodModifiers(adder.Attributes),
                    });
                }
            }
            foreach (MethodDefinitionHandle handle in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(handle);
                if (!accessors.Contains(handle) && reader.GetString(method.Name) != ".cctor")
                {
                    ApiMember member = ReadMethod(reader, method);
                    if (member != null)
                    {
                        members.Add(member);
                    }
                }
            }
            foreach (FieldDefinitionHandle handle in type.GetFields())
            {
                FieldDefinition field = reader.GetFieldDefinition(handle);
                string access = FieldAccess(field.Attributes);
                if (access != null)
                {
                    bool isConst = (field.Attributes & FieldAttributes.Literal) != 0;
                    members.Add(new ApiMember
                    {
                        Kind = isConst ? "const" : "field",
                        Name = reader.GetString(field.Name),
                        IsStatic = (field.Attributes & FieldAttributes.Static) != 0,
                        Access = access,
                        Type = field.DecodeSignature(ClrTypeNames.Instance, null),
                        IsReadOnly = (field.Attributes & FieldAttributes.InitOnly) != 0,
                        Value = isConst ? ConstantText(reader, field.GetDefaultValue()) : null,
                    });
                }
            }
            return members;
        }

        private static ApiMember ReadProperty(MetadataReader reader, PropertyDefinition property)
        {
            PropertyAccessors accessors = property.GetAccessors();
            MethodDefinition? getter = accessors.Getter.IsNil ? null : reader.GetMethodDefinition(accessors.Getter);
            MethodDefinition? setter = accessors.Setter.IsNil ? null : reader.GetMethodDefinition(accessors.Setter);
            string get = getter.HasValue ? Access(getter.Value.Attributes) : null;
            string set = setter.HasValue ? Access(setter.Value.Attributes) : null;
            if (get == null && set == null)
            {
                return null;
            }
            MethodDefinition first = getter ?? setter.Value;
            MethodSignature<string> signature = property.DecodeSignature(ClrTypeNames.Instance, null);
            return new ApiMember
            {
                Kind = signature.ParameterTypes.Length > 0 ? "indexer" : "property",
                Name = reader.GetString(property.Name),
                IsStatic = (first.Attributes & MethodAttributes.Static) != 0,
                Type = signature.ReturnType,
                Get = get,
                Set = set,
                Modifiers = MethodModifiers(first.Attributes),
                Parameters = getter.HasValue ? Parameters(reader, getter.Value, signature.ParameterTypes) : new ApiParameter[0],
            };
        }

        // Only the return and parameter types of a delegate's Invoke matter to callers.
        private static ApiMember InvokeOf(MetadataReader reader, MethodDefinition invoke)
        {
            ApiMember method = ReadMethod(reader, invoke);
            return new ApiMember { Kind = method.Kind, Name = method.Name, Access = method.Access, ReturnType = method.ReturnType, Parameters = method.Parameters };
        }

        private static ApiMember ReadMethod(MetadataReader reader, MethodDefinition method)
        {
            string name = reader.GetString(method.Name);
            string access = Access(method.Attributes);
            // A private virtual final method named Interface.Member is an explicit interface implementation.
            bool isExplicit = access == null && (method.Attributes & MethodAttributes.Virtual) != 0 && name.Contains('.') && !name.StartsWith('.');
            if (access == null && !isExplicit)
            {
                return null;
            }
            MethodSignature<string> signature = method.DecodeSignature(ClrTypeNames.Instance, null);
            string kind = isExplicit ? "explicit_interface_implementation"
                : name == ".ctor" ? "constructor"
                : (method.Attributes & MethodAttributes.SpecialName) != 0 && name.StartsWith("op_") ? "operator"
                : "method";
            return new ApiMember
            {
                Kind = kind,
                Name = name,
                IsStatic = (method.Attributes & MethodAttributes.Static) != 0,
                Access = isExplicit ? "private (explicit)" : access,
                ReturnType = kind == "constructor" ? null : signature.ReturnType,
                Modifiers = isExplicit ? new string[0] : MethodModifiers(method.Attributes),
                Parameters = Parameters(reader, method, signature.ParameterTypes),
            };
        }

        private static IReadOnlyList<ApiParameter> Parameters(MetadataReader reader, MethodDefinition method, ImmutableArray<string> types)
        {
            var byPosition = new Dictionary<int, Parameter>();
            foreach (ParameterHandle handle in method.GetParameters())
            {
                Parameter parameter = reader.GetParameter(handle);
                byPosition[parameter.SequenceNumber] = parameter;
            }
            var parameters = new List<ApiParameter>();
            for (int i = 0; i < types.Length; i++)
            {
                byPosition.TryGetValue(i + 1, out Parameter parameter);
                ParameterAttributes attributes = parameter.Attributes;
                bool optional = (attributes & ParameterAttributes.Optional) != 0;
                parameters.Add(new ApiParameter
                {
                    Type = types[i],
                    Name = parameter.Name.IsNil ? "" : reader.GetString(parameter.Name),
                    Direction = !types[i].EndsWith('&') ? null
                        : (attributes & ParameterAttributes.Out) != 0 ? "out"
                        : (attributes & ParameterAttributes.In) != 0 ? "in"
                        : "ref",
                    Optional = optional,
                    Default = optional ? ConstantText(reader, parameter.GetDefaultValue()) : null,
                });
            }
            return parameters;
        }

        private static string Access(MethodAttributes attributes)
        {
            switch (attributes & MethodAttributes.MemberAccessMask)
            {
                case MethodAttributes.Public:
                    return "public";
                case MethodAttributes.Family:
                    return "protected";
                case MethodAttributes.FamORAssem:
                    return "protected internal";
                default:
                    return null;
            }
        }

        private static string FieldAccess(FieldAttributes attributes)
        {
            switch (attributes & FieldAttributes.FieldAccessMask)
            {
                case FieldAttributes.Public:
                    return "public";
                case FieldAttributes.Family:
                    return "protected";
                case FieldAttributes.FamORAssem:
                    return "protected internal";
                default:
                    return null;
            }
        }

        // C# marks an implicit interface implementation virtual, final and new-slot although the
        // source says none of these: callers see a plain method.
        private static IReadOnlyList<string> MethodModifiers(MethodAttributes attributes)
        {
            if ((attributes & MethodAttributes.Abstract) != 0)
            {
                return new[] { "abstract" };
            }
            if ((attributes & MethodAttributes.Virtual) == 0)
            {
                return new string[0];
            }
            bool isFinal = (attributes & MethodAttributes.Final) != 0;
            if ((attributes & MethodAttributes.NewSlot) != 0)
            {
                return isFinal ? new string[0] : new[] { "virtual" };
            }
            return isFinal ? new[] { "sealed", "override" } : new[] { "override" };
        }

        private static bool HasAttribute(MetadataReader reader, CustomAttributeHandleCollection attributes, string name)
        {
            foreach (CustomAttributeHandle handle in attributes)
            {
                EntityHandle constructor = reader.GetCustomAttribute(handle).Constructor;
                EntityHandle owner = constructor.Kind == HandleKind.MemberReference
                    ? reader.GetMemberReference((MemberReferenceHandle)constructor).Parent
                    : reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
                if (ClrTypeNames.Instance.Name(reader, owner) == name)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>A constant as JSON text: numbers in decimal, true/false, null, strings quoted.</summary>
        private static string ConstantText(MetadataReader reader, ConstantHandle handle)
        {
            if (handle.IsNil)
            {
                return "null";
            }
            Constant constant = reader.GetConstant(handle);
            BlobReader blob = reader.GetBlobReader(constant.Value);
            object value = constant.TypeCode switch
            {
                ConstantTypeCode.Boolean => blob.ReadBoolean(),
                ConstantTypeCode.Char => blob.ReadChar().ToString(),
                ConstantTypeCode.SByte => blob.ReadSByte(),
                ConstantTypeCode.Byte => blob.ReadByte(),
                ConstantTypeCode.Int16 => blob.ReadInt16(),
                ConstantTypeCode.UInt16 => blob.ReadUInt16(),
                ConstantTypeCode.Int32 => blob.ReadInt32(),
                ConstantTypeCode.UInt32 => blob.ReadUInt32(),
                ConstantTypeCode.Int64 => blob.ReadInt64(),
                ConstantTypeCode.UInt64 => blob.ReadUInt64(),
                ConstantTypeCode.Single => blob.ReadSingle(),
                ConstantTypeCode.Double => blob.ReadDouble(),
                ConstantTypeCode.String => blob.ReadUTF16(blob.Length),
                _ => null,
            };
            return JsonSerializer.Serialize(value);
        }
    }
}
