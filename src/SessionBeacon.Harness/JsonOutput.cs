// --json: what a command found, as JSON on standard output for scripts; one document per command,
// or one per line for a command that goes on (listen without --once: JSON Lines). Every line is one
// complete document written by System.Text.Json, so message text is always escaped. Field names are
// snake_case and stable: docs/scripting.md lists them. Human text and progress go to standard error.
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionBeacon.Harness
{
    /// <summary>Writes the JSON documents of --json.</summary>
    public static class JsonOutput
    {
        private static readonly JsonSerializerOptions s_options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        /// <summary>Writes <paramref name="document"/> as one line of JSON.</summary>
        public static void Write<T>(TextWriter output, T document)
        {
            output.WriteLine(JsonSerializer.Serialize(document, s_options));
            output.Flush();
        }
    }
}
