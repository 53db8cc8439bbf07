// Static tables live in the device's ~80 KB heap for the whole run, so their total is a budget
// (goal: at most 4 KB). Counts every static array field of the core, with its element size.
using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Session.Core.Micro.Bench
{
    public static class StaticTables
    {
        public static int Bytes(Assembly core, Action<string> each)
        {
            int total = 0;
            foreach (Type type in core.GetTypes())
            {
                foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(null) is Array array && !field.IsLiteral)
                    {
                        int bytes = array.Length * Marshal.SizeOf(array.GetType().GetElementType());
                        each(type.Name + "." + field.Name + ": " + bytes + " B");
                        total += bytes;
                    }
                }
            }
            return total;
        }
    }
}
