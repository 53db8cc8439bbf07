using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Reads Manifests/api.json: the public API of the real nanoFramework libraries (see that
    /// folder's README.md for how it was made). Fields the check does not read are ignored.
    /// </summary>
    public static class ApiManifest
    {
        public static IReadOnlyList<ApiType> Load(string path) => Parse(File.ReadAllText(path));

        public static IReadOnlyList<ApiType> Parse(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("types").EnumerateArray().Select(ReadType).ToList();
        }

        private static ApiType ReadType(JsonElement type)
        {
            return new ApiType
            {
                FullName = Text(type, "full_name"),
                Kind = Text(type, "kind"),
                Modifiers = Strings(type, "modifiers"),
                BaseType = Text(type, "base_type"),
                Interfaces = Strings(type, "interfaces"),
                IsFlags = Strings(type, "attributes").Contains("System.FlagsAttribute"),
                Package = Text(type, "package"),
                PackageVersion = Text(type, "package_version"),
                UnderlyingType = Text(type, "underlying_type"),
                Values = Items(type, "values").Select(value => new ApiEnumValue(Text(value, "name"), value.GetProperty("value").GetRawText())).ToList(),
                Invoke = type.TryGetProperty("invoke", out JsonElement invoke) ? ReadInvoke(invoke) : null,
                Members = Items(type, "members").Select(ReadMember).ToList(),
            };
        }

        private static ApiMember ReadInvoke(JsonElement invoke)
        {
            return new ApiMember
            {
                Kind = "method",
                Name = "Invoke",
                Access = "public",
                ReturnType = Text(invoke, "return_type"),
                Parameters = Items(invoke, "parameters").Select(ReadParameter).ToList(),
            };
        }

        private static ApiMember ReadMember(JsonElement member)
        {
            return new ApiMember
            {
                Kind = Text(member, "kind"),
                Name = Text(member, "name"),
                IsStatic = member.TryGetProperty("static", out JsonElement isStatic) && isStatic.GetBoolean(),
                Access = Text(member, "access"),
                ReturnType = Text(member, "return_type"),
                Type = Text(member, "type"),
                Get = Text(member, "get"),
                Set = Text(member, "set"),
                IsReadOnly = member.TryGetProperty("readonly", out JsonElement isReadOnly) && isReadOnly.GetBoolean(),
                Value = member.TryGetProperty("value", out JsonElement value) ? value.GetRawText() : null,
                // extern only says the firmware implements the member natively; callers cannot tell.
                Modifiers = Strings(member, "modifiers").Where(modifier => modifier != "extern").ToList(),
                Parameters = Items(member, "parameters").Select(ReadParameter).ToList(),
            };
        }

        private static ApiParameter ReadParameter(JsonElement parameter)
        {
            bool optional = parameter.TryGetProperty("optional", out JsonElement flag) && flag.GetBoolean();
            return new ApiParameter
            {
                Type = Text(parameter, "type"),
                Name = Text(parameter, "name"),
                Direction = Text(parameter, "direction"),
                Optional = optional,
                Default = optional ? parameter.GetProperty("default").GetRawText() : null,
            };
        }

        private static string Text(JsonElement element, string name)
        {
            return element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }

        private static IReadOnlyList<string> Strings(JsonElement element, string name)
        {
            return Items(element, name).Select(item => item.GetString()).ToList();
        }

        private static IEnumerable<JsonElement> Items(JsonElement element, string name)
        {
            return element.TryGetProperty(name, out JsonElement array) ? array.EnumerateArray() : Array.Empty<JsonElement>();
        }
    }
}
