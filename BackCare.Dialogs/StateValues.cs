using System.Globalization;
using Newtonsoft.Json.Linq;

namespace BackCare.Dialogs;

/// <summary>
/// Reads values back from dialog state after it has been through JSON storage. Storage that keeps type names
/// (MemoryStorage and BackCare's stores) returns typed objects, but JSON numbers come back as <see cref="long"/>
/// or <see cref="double"/>, enums come back as numbers or (from a store that writes them by name) as strings, and
/// a store without type names returns <see cref="JToken"/>s. These helpers accept all of them.
/// </summary>
public static class StateValues
{
    /// <summary>Converts a value read from dialog state to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The wanted type.</typeparam>
    /// <param name="value">The stored value.</param>
    /// <returns>The value as <typeparamref name="T"/>, or <c>default</c> when it is <c>null</c>.</returns>
    public static T? As<T>(object? value)
    {
        switch (value)
        {
            case null:
                return default;
            case T typed:
                return typed;
            case JToken token:
                return token.Type == JTokenType.Null ? default : token.ToObject<T>();
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (target.IsEnum)
        {
            // A store that writes enums by name gives back a string; older state, or MemoryStorage, a number.
            return value is string name ? (T)Enum.Parse(target, name, ignoreCase: true) : (T)Enum.ToObject(target, value);
        }

        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
        {
            return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }

        return JToken.FromObject(value).ToObject<T>();
    }

    /// <summary>Gets the value stored under <paramref name="key"/> as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The wanted type.</typeparam>
    /// <param name="values">The state dictionary.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or <c>default</c> when the key is missing.</returns>
    public static T? GetValue<T>(this IDictionary<string, object> values, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(key, out var value) ? As<T>(value) : default;
    }
}
