using System.Collections.Concurrent;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace BackCare.Bot.Tests.Storage;

/// <summary>
/// A copy of StateJson as it was before commit 9495c22 (lists of one kind of item written with their type name),
/// so tests can read today's state as the previous release would after a rollback. Do not change it.
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
/// A property whose value is what a new instance of its type has (null, false, 0, the same string) is left out,
/// so it reads back the same: a prompt activity's empty fields, an unanswered question, a record without
/// replies. This roughly halves a conversation's state; state written in full is read as before. The dictionaries of state
/// properties and dialog values are named <c>Dictionary&lt;string;object&gt;</c>, not by their 135-character
/// assembly-qualified name (still read).
/// </summary>
public static class PreviousStateJson
{
    /// <summary>The serializer settings every store uses.</summary>
    public static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.Auto,
        SerializationBinder = new AllowedTypesBinder(),
        ContractResolver = new DefaultsLeftOutResolver(),
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        MaxDepth = 128,

        // The binder gives each type's name already in the short form ("Type, Assembly", as Simple writes it), once
        // per type: Simple would rebuild it from the assembly-qualified name for every object written.
        TypeNameAssemblyFormatHandling = TypeNameAssemblyFormatHandling.Full,
    };

    /// <summary>One serializer made from <see cref="Settings"/> (JsonConvert would make a new one for every call); never changed, so shared.</summary>
    private static readonly JsonSerializer Serializer = CreateSerializer();

    /// <summary>Writes a state object.</summary>
    /// <param name="value">The object.</param>
    /// <returns>The JSON.</returns>
    public static string Serialize(object value) => BackCare.Bot.Hosting.JsonText.Write(Serializer, value, typeof(object));

    /// <summary>Reads a state object back.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The object.</returns>
    public static object? Deserialize(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        return Serializer.Deserialize(reader);
    }

    private static JsonSerializer CreateSerializer()
    {
        var serializer = JsonSerializer.Create(Settings);

        // As JsonConvert reads: nothing but whitespace and comments may follow the value.
        serializer.CheckAdditionalContent = true;
        return serializer;
    }

    /// <summary>
    /// Leaves out properties whose value is the one a new instance of the type has (null or an immutable value),
    /// and writes enums by name. The enum converter is given to the enums' contracts (once per type), not listed in
    /// the settings, where the serializer would ask it about every value it writes or reads.
    /// </summary>
    private sealed class DefaultsLeftOutResolver : DefaultContractResolver
    {
        private static readonly StringEnumConverter EnumsByName = new() { AllowIntegerValues = true };

        protected override JsonContract CreateContract(Type objectType)
        {
            var contract = base.CreateContract(objectType);
            if ((Nullable.GetUnderlyingType(objectType) ?? objectType).IsEnum)
            {
                contract.Converter ??= EnumsByName;
            }

            return contract;
        }

        protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization)
        {
            var properties = base.CreateProperties(type, memberSerialization);
            if (Fresh(type) is not { } fresh)
            {
                return properties;
            }

            foreach (var property in properties)
            {
                if (!property.Readable || property.ValueProvider is not { } value || property.PropertyType is not { } propertyType || !FreshValue(value, fresh, out var freshValue))
                {
                    continue;
                }

                if (freshValue is null)
                {
                    // Reference types and nullables: null is what a new instance has.
                    property.NullValueHandling ??= NullValueHandling.Ignore;
                }
                else if ((propertyType.IsValueType || propertyType == typeof(string)) && property.DefaultValueHandling is null)
                {
                    // Immutable values (false, 0, an enum's first member, a fixed string): left out when unchanged.
                    property.DefaultValue = freshValue;
                    property.DefaultValueHandling = DefaultValueHandling.Ignore;
                }
            }

            return properties;
        }

        private static bool FreshValue(IValueProvider value, object fresh, out object? freshValue)
        {
            try
            {
                freshValue = value.GetValue(fresh);
                return true;
            }
            catch (JsonSerializationException)
            {
                // A getter that throws on a new instance: keep writing the property as it is.
                freshValue = null;
                return false;
            }
        }

        /// <summary>A new instance, as the reader would create it: only through a public parameterless constructor.</summary>
        private static object? Fresh(Type type)
        {
            if (type.IsAbstract || type.IsInterface || type.GetConstructor(Type.EmptyTypes) is null
                || type.GetConstructors(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).Any(c => c.IsDefined(typeof(JsonConstructorAttribute), inherit: false)))
            {
                return null;
            }

            try
            {
                return Activator.CreateInstance(type);
            }
            catch (Exception ex) when (ex is System.Reflection.TargetInvocationException or MemberAccessException or NotSupportedException or ArgumentException)
            {
                return null;
            }
        }
    }

    private sealed class AllowedTypesBinder : DefaultSerializationBinder
    {
        private static readonly string[] AllowedAssemblyPrefixes =
            ["System.Private.CoreLib", "System.Collections", "System.Runtime", "mscorlib", "netstandard", "Microsoft.Bot.", "BackCare.", "Newtonsoft.Json"];

        private static readonly ConcurrentDictionary<Type, bool> Checked = new();

        /// <summary>
        /// The name written for the dictionaries that hold every state property and every dialog's values: the
        /// assembly-qualified name is 135 characters, written several times per conversation. Both are read.
        /// </summary>
        private const string StateDictionary = "Dictionary<string;object>";

        private static readonly ConcurrentDictionary<Type, string> Names = new();

        public override void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
        {
            assemblyName = null;
            typeName = serializedType == typeof(Dictionary<string, object>) ? StateDictionary : Names.GetOrAdd(serializedType, SimpleName);
        }

        /// <summary>
        /// The name Newtonsoft's Simple format writes: the type's full name and its assembly's, with every
        /// assembly's version, culture and key left out, generic arguments included. A test checks it writes the
        /// same JSON as Simple does.
        /// </summary>
        internal static string SimpleName(Type type)
        {
            var qualified = $"{type.FullName}, {type.Assembly.FullName}";
            var name = new System.Text.StringBuilder(qualified.Length);
            bool writingAssemblyName = false, skippingAssemblyDetails = false, followBrackets = false;
            foreach (var current in qualified)
            {
                switch (current)
                {
                    case '[':
                    case ']':
                        writingAssemblyName = false;
                        skippingAssemblyDetails = false;
                        followBrackets = current == '[';
                        name.Append(current);
                        break;
                    case ',' when followBrackets:
                        name.Append(current);
                        break;
                    case ',' when !writingAssemblyName:
                        writingAssemblyName = true;
                        name.Append(current);
                        break;
                    case ',':
                        skippingAssemblyDetails = true;
                        break;
                    default:
                        followBrackets = false;
                        if (!skippingAssemblyDetails)
                        {
                            name.Append(current);
                        }

                        break;
                }
            }

            return name.ToString();
        }

        public override Type BindToType(string? assemblyName, string typeName)
        {
            if (assemblyName is null && typeName == StateDictionary)
            {
                return typeof(Dictionary<string, object>);
            }

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
