using System.Collections.Concurrent;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace BackCare.Bot.Storage;

/// <summary>
/// How BackCare's stores write state: JSON with type names where the declared type does not say the type (the
/// root, values in <see cref="object"/> slots such as dialog state, interfaces), so dialog state and state objects
/// come back as the types they were; a property whose declared type is its type carries no type name (state
/// written before 2026-11-26 names every type, and is still read: type names are read wherever they are). Only types from the runtime, the Bot Framework and BackCare
/// may be named, so a tampered store cannot make the bot create anything else.
/// Enums are written by name (<c>"CurrentQuestion":"Cancer"</c>), so adding a member in the middle of an enum
/// does not change what stored conversations mean; numbers, as state written before 2026-11 holds them, are
/// still read. Rule: never rename or remove an enum member that may be in stored state; add new ones anywhere.
/// An enum kept in an <see cref="object"/> slot (waterfall values, options) comes back as its name, a string:
/// read it with <c>StateValues.As&lt;T&gt;</c>, which parses names and numbers alike.
/// </summary>
public static class StateJson
{
    /// <summary>The serializer settings every store uses.</summary>
    public static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.Auto,
        SerializationBinder = new AllowedTypesBinder(),
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        MaxDepth = 128,
        Converters = [new StringEnumConverter { AllowIntegerValues = true }],
    };

    /// <summary>Writes a state object.</summary>
    /// <param name="value">The object.</param>
    /// <returns>The JSON.</returns>
    public static string Serialize(object value) => JsonConvert.SerializeObject(value, typeof(object), Settings);

    /// <summary>Reads a state object back.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The object.</returns>
    public static object? Deserialize(string json) => JsonConvert.DeserializeObject(json, Settings);

    private sealed class AllowedTypesBinder : DefaultSerializationBinder
    {
        private static readonly string[] AllowedAssemblyPrefixes =
            ["System.Private.CoreLib", "System.Collections", "System.Runtime", "mscorlib", "netstandard", "Microsoft.Bot.", "BackCare.", "Newtonsoft.Json"];

        private static readonly ConcurrentDictionary<Type, bool> Checked = new();

        public override Type BindToType(string? assemblyName, string typeName)
        {
            var type = base.BindToType(assemblyName, typeName);
            if (!Checked.GetOrAdd(type, IsAllowed))
            {
                throw new JsonSerializationException($"The type '{type.FullName}' may not be read from state storage.");
            }

            return type;
        }

        private static bool IsAllowed(Type type)
        {
            if (type.IsArray)
            {
                return IsAllowed(type.GetElementType()!);
            }

            var assembly = type.Assembly.GetName().Name ?? string.Empty;
            return AllowedAssemblyPrefixes.Any(p => assembly.StartsWith(p, StringComparison.Ordinal))
                && (!type.IsGenericType || type.GetGenericArguments().All(IsAllowed));
        }
    }
}
