using System;
using System.Collections.Generic;
using System.Linq;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Compares the types the shims declare with the real library's (Manifests/api.json). The shims
    /// may declare less than the library, never something else: every declared type must have the
    /// real kind, modifiers, base type, interfaces and [Flags]; every declared member must exist with
    /// the real signature (static or instance, return type, parameter types, names and defaults,
    /// accessors, explicit interface implementation or not); every declared enum value must have the
    /// real number. Each difference is one line naming the type or member.
    /// </summary>
    public static class ApiComparer
    {
        public static IReadOnlyList<string> Compare(IReadOnlyList<ApiType> shims, IReadOnlyList<ApiType> upstream)
        {
            var byName = upstream.ToDictionary(type => type.FullName, StringComparer.Ordinal);
            var differences = new List<string>();
            foreach (ApiType shim in shims)
            {
                if (!byName.TryGetValue(shim.FullName, out ApiType real))
                {
                    differences.Add(shim.FullName + ": not in the manifest; record the real type's API before declaring it");
                    continue;
                }
                CompareType(shim, real, differences);
            }
            return differences;
        }

        private static void CompareType(ApiType shim, ApiType real, List<string> differences)
        {
            string name = shim.FullName;
            Expect(differences, name + ": kind", shim.Kind, real.Kind);
            if (shim.Kind != real.Kind)
            {
                return;
            }
            Expect(differences, name + ": modifiers", Set(shim.Modifiers), Set(real.Modifiers));
            Expect(differences, name + ": base type", shim.BaseType ?? "(none)", real.BaseType ?? "(none)");
            Expect(differences, name + ": interfaces", Set(shim.Interfaces), Set(real.Interfaces));
            Expect(differences, name + ": [Flags]", shim.IsFlags ? "yes" : "no", real.IsFlags ? "yes" : "no");
            if (shim.Kind == "enum")
            {
                CompareEnum(shim, real, differences);
            }
            if (shim.Kind == "delegate")
            {
                CompareMember(name, shim.Invoke, real.Invoke, differences);
            }
            foreach (ApiMember member in shim.Members)
            {
                ApiMember match = real.Members.FirstOrDefault(candidate => candidate.Key == member.Key);
                if (match == null)
                {
                    differences.Add(name + "." + Missing(member, real));
                }
                else
                {
                    CompareMember(name, member, match, differences);
                }
            }
        }

        private static void CompareEnum(ApiType shim, ApiType real, List<string> differences)
        {
            Expect(differences, shim.FullName + ": underlying type", shim.UnderlyingType, real.UnderlyingType);
            foreach (ApiEnumValue value in shim.Values)
            {
                ApiEnumValue match = real.Values.FirstOrDefault(candidate => candidate.Name == value.Name);
                if (match == null)
                {
                    differences.Add(shim.FullName + "." + value.Name + ": no such value upstream");
                }
                else
                {
                    Expect(differences, shim.FullName + "." + value.Name + ": value", value.Value, match.Value);
                }
            }
        }

        private static string Missing(ApiMember member, ApiType real)
        {
            ApiMember implementation = real.Members.FirstOrDefault(candidate => candidate.Kind == "explicit_interface_implementation"
                && candidate.Name.EndsWith("." + member.Name, StringComparison.Ordinal)
                && candidate.Key.EndsWith("." + member.Key, StringComparison.Ordinal));
            if (implementation != null)
            {
                return member.Key + ": the shim declares " + member + ", upstream it is the explicit interface implementation "
                    + implementation.Name + ", callable only through the interface";
            }
            var sameName = real.Members.Where(candidate => candidate.Name == member.Name).Select(candidate => candidate.ToString()).ToList();
            return member.Key + ": the shim declares " + member + ", which does not exist upstream"
                + (sameName.Count > 0 ? "; upstream has " + string.Join(" | ", sameName) : "");
        }

        private static void CompareMember(string typeName, ApiMember shim, ApiMember real, List<string> differences)
        {
            string where = typeName + "." + shim.Key + ": ";
            int before = differences.Count;
            Expect(differences, where + "kind", shim.Kind, real.Kind);
            Expect(differences, where + "static", shim.IsStatic ? "static" : "instance", real.IsStatic ? "static" : "instance");
            Expect(differences, where + "access", shim.Access ?? "", real.Access ?? "");
            Expect(differences, where + "return type", shim.ReturnType ?? "", real.ReturnType ?? "");
            Expect(differences, where + "type", shim.Type ?? "", real.Type ?? "");
            Expect(differences, where + "modifiers", Set(shim.Modifiers), Set(real.Modifiers));
            Expect(differences, where + "readonly", shim.IsReadOnly ? "readonly" : "writable", real.IsReadOnly ? "readonly" : "writable");
            Expect(differences, where + "value", shim.Value ?? "", real.Value ?? "");
            // A shim may leave out an accessor, but not add one or change who may call it.
            if (shim.Get != null)
            {
                Expect(differences, where + "get accessor", shim.Get, real.Get ?? "(none)");
            }
            if (shim.Set != null)
            {
                Expect(differences, where + "set accessor", shim.Set, real.Set ?? "(none)");
            }
            for (int i = 0; i < shim.Parameters.Count; i++)
            {
                ApiParameter mine = shim.Parameters[i];
                ApiParameter theirs = real.Parameters[i];
                string parameter = where + "parameter " + (i + 1);
                Expect(differences, parameter + " name", mine.Name, theirs.Name);
                Expect(differences, parameter + " direction", mine.Direction ?? "(by value)", theirs.Direction ?? "(by value)");
                Expect(differences, parameter + " default", mine.Optional ? mine.Default : "(required)", theirs.Optional ? theirs.Default : "(required)");
            }
            if (differences.Count > before)
            {
                differences.Add(where + "upstream: " + real);
            }
        }

        private static void Expect(List<string> differences, string what, string shim, string real)
        {
            if (!string.Equals(shim, real, StringComparison.Ordinal))
            {
                differences.Add(what + ": the shim has " + shim + ", upstream has " + real);
            }
        }

        private static string Set(IReadOnlyList<string> items) => items.Count == 0 ? "(none)" : string.Join(" ", items.OrderBy(item => item, StringComparer.Ordinal));
    }
}
