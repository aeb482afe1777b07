using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Reads an activity from a request body, checking the fields the host and the SDK rely on: a problem is a
/// short reason that names the field, for a 400, never an exception.
/// </summary>
public static class ActivityReader
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 64,
        TypeNameHandling = TypeNameHandling.None,
        Converters = [new Timestamps()],
    });

    /// <summary>Reads and checks an activity.</summary>
    /// <param name="body">The body, UTF-8.</param>
    /// <param name="requireServiceUrl">Whether the activity must name an absolute http(s) serviceUrl.</param>
    /// <returns>The activity, or the reason it cannot be handled.</returns>
    public static (Activity? Activity, string? Problem) Read(byte[] body, bool requireServiceUrl = true)
    {
        ArgumentNullException.ThrowIfNull(body);

        // The usual activity, plain JSON that passes every check, is read straight to an Activity; anything else
        // (a problem to name, JSON only the lenient parser takes) goes the long way below, which names it.
        if (FastCheck.Passes(body, requireServiceUrl) && ReadDirectly(body) is { } activity)
        {
            return (activity, null);
        }

        var (json, notJson) = ParseObject(body);
        if (json is null)
        {
            return (null, notJson);
        }

        var problem = Check(json, requireServiceUrl);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return (json.ToObject<Activity>(Serializer), null);
        }
        catch (JsonException ex)
        {
            var path = ex switch
            {
                JsonSerializationException s => s.Path,
                JsonReaderException r => r.Path,
                _ => null,
            };
            return (null, string.IsNullOrEmpty(path) ? "A field of the activity has the wrong type." : $"The field '{path}' has the wrong type.");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return (null, "A field of the activity has the wrong type.");
        }
    }

    /// <summary>
    /// Reads an activity as a Direct Line client sends it: the service fills in channelId, conversation and
    /// serviceUrl, so they are not required; the type and from.id are.
    /// </summary>
    /// <param name="body">The body, UTF-8.</param>
    /// <returns>The activity, or the reason it cannot be handled.</returns>
    public static (Activity? Activity, string? Problem) ReadFromClient(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (json, notJson) = ParseObject(body);
        if (json is null)
        {
            return (null, notJson);
        }

        // Stand-ins for what the service sets, so the same checks apply to everything else.
        json["channelId"] = "webchat";
        json["conversation"] = new JObject { ["id"] = "direct-line" };
        json["serviceUrl"] = "http://localhost/";
        json.Remove("deliveryMode");
        return Read(Encoding.UTF8.GetBytes(json.ToString(Formatting.None)));
    }

    private static string? Check(JObject activity, bool requireServiceUrl)
    {
        if ((WrongType(activity, "type", JTokenType.String) ?? WrongType(activity, "channelId", JTokenType.String)) is { } typeProblem)
        {
            return typeProblem;
        }

        if (string.IsNullOrWhiteSpace((string?)activity["type"]))
        {
            return "The activity has no type (field 'type').";
        }

        if (string.IsNullOrWhiteSpace((string?)activity["channelId"]))
        {
            return "The activity has no channelId (field 'channelId').";
        }

        foreach (var (field, type) in Shape)
        {
            if (WrongType(activity, field, type) is { } problem)
            {
                return problem;
            }
        }

        if (string.IsNullOrWhiteSpace((string?)(activity["conversation"] as JObject)?["id"]))
        {
            return "The activity has no conversation id (field 'conversation.id').";
        }

        if (string.IsNullOrWhiteSpace((string?)(activity["from"] as JObject)?["id"]))
        {
            return "The activity has no from.id (field 'from.id').";
        }

        if (requireServiceUrl && !IsHttpUrl((string?)activity["serviceUrl"]))
        {
            return "The activity has no valid serviceUrl to reply to (field 'serviceUrl': an absolute http or https URL).";
        }

        if (activity["entities"] is JArray entities && entities.Any(e => e.Type != JTokenType.Object))
        {
            return "The field 'entities' must hold objects.";
        }

        if (activity["membersAdded"] is JArray added && added.Any(m => m.Type != JTokenType.Object))
        {
            return "The field 'membersAdded' must hold objects.";
        }

        if (activity["membersRemoved"] is JArray removed && removed.Any(m => m.Type != JTokenType.Object))
        {
            return "The field 'membersRemoved' must hold objects.";
        }

        return null;
    }

    /// <summary>Whether a URL is absolute http or https.</summary>
    /// <param name="url">The URL.</param>
    /// <returns><c>true</c> when it is.</returns>
    public static bool IsHttpUrl(string? url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);

    // The fields whose JSON type the host, the SDK or the bot depends on (null is always allowed).
    private static readonly (string Field, JTokenType Type)[] Shape =
    [
        ("id", JTokenType.String),
        ("serviceUrl", JTokenType.String),
        ("deliveryMode", JTokenType.String),
        ("text", JTokenType.String),
        ("name", JTokenType.String),
        ("locale", JTokenType.String),
        ("replyToId", JTokenType.String),
        ("conversation", JTokenType.Object),
        ("conversation.id", JTokenType.String),
        ("conversation.conversationType", JTokenType.String),
        ("conversation.tenantId", JTokenType.String),
        ("from", JTokenType.Object),
        ("from.id", JTokenType.String),
        ("from.name", JTokenType.String),
        ("from.role", JTokenType.String),
        ("recipient", JTokenType.Object),
        ("recipient.id", JTokenType.String),
        ("recipient.name", JTokenType.String),
        ("recipient.role", JTokenType.String),
        ("entities", JTokenType.Array),
        ("attachments", JTokenType.Array),
        ("membersAdded", JTokenType.Array),
        ("membersRemoved", JTokenType.Array),
        ("channelData", JTokenType.Object),
        ("suggestedActions", JTokenType.Object),
    ];

    private static string? WrongType(JObject activity, string path, JTokenType expected)
    {
        JToken? token = activity;
        foreach (var part in path.Split('.'))
        {
            token = token is JObject o ? o[part] : null;
            if (token is null)
            {
                return null;
            }
        }

        if (token.Type == JTokenType.Null || token.Type == expected)
        {
            return null;
        }

        var what = expected switch
        {
            JTokenType.String => "a string",
            JTokenType.Object => "an object",
            JTokenType.Array => "an array",
            _ => expected.ToString(),
        };
        return $"The field '{path}' must be {what}.";
    }

    private static Activity? ReadDirectly(byte[] body)
    {
        try
        {
            using var reader = new JsonTextReader(new StreamReader(new MemoryStream(body, writable: false), new UTF8Encoding(false, false))) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            return Serializer.Deserialize<Activity>(reader);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// The checks of <see cref="Check"/> over the raw UTF-8, without building a JSON tree: passes only strict JSON
    /// whose every checked field has its exact name, once, and the right type. Whatever it does not pass goes
    /// through <see cref="Check"/>, which says what is wrong (or, for JSON only the lenient parser takes, passes it).
    /// </summary>
    private static class FastCheck
    {
        private static readonly Dictionary<string, JsonValueKind> TopLevel = new(StringComparer.OrdinalIgnoreCase)
        {
            ["type"] = JsonValueKind.String, ["channelId"] = JsonValueKind.String, ["id"] = JsonValueKind.String,
            ["serviceUrl"] = JsonValueKind.String, ["deliveryMode"] = JsonValueKind.String, ["text"] = JsonValueKind.String,
            ["name"] = JsonValueKind.String, ["locale"] = JsonValueKind.String, ["replyToId"] = JsonValueKind.String,
            ["conversation"] = JsonValueKind.Object, ["from"] = JsonValueKind.Object, ["recipient"] = JsonValueKind.Object,
            ["entities"] = JsonValueKind.Array, ["attachments"] = JsonValueKind.Array, ["membersAdded"] = JsonValueKind.Array,
            ["membersRemoved"] = JsonValueKind.Array, ["channelData"] = JsonValueKind.Object, ["suggestedActions"] = JsonValueKind.Object,
        };

        private static readonly HashSet<string> Nested = new(StringComparer.OrdinalIgnoreCase) { "id", "name", "role", "conversationType", "tenantId" };

        public static bool Passes(byte[] body, bool requireServiceUrl)
        {
            try
            {
                var reader = new System.Text.Json.Utf8JsonReader(body, new System.Text.Json.JsonReaderOptions { MaxDepth = 64 });
                if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
                {
                    return false;
                }

                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                string? type = null, channelId = null, serviceUrl = null, conversationId = null, fromId = null;
                while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (!TopLevel.TryGetValue(name, out var expected))
                    {
                        reader.Skip();
                        continue;
                    }

                    // A checked field named in another case, or twice: the long way decides.
                    if (!TopLevel.Keys.Contains(name, StringComparer.Ordinal) || !seen.Add(name))
                    {
                        return false;
                    }

                    var kind = Kind(reader.TokenType);
                    if (kind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    if (kind != expected)
                    {
                        return false;
                    }

                    switch (name)
                    {
                        case "type": type = reader.GetString(); break;
                        case "channelId": channelId = reader.GetString(); break;
                        case "serviceUrl": serviceUrl = reader.GetString(); break;
                        case "conversation": if (!NestedPass(ref reader, out conversationId)) { return false; } break;
                        case "from": if (!NestedPass(ref reader, out fromId)) { return false; } break;
                        case "recipient": if (!NestedPass(ref reader, out _)) { return false; } break;
                        case "entities" or "membersAdded" or "membersRemoved": if (!AllObjects(ref reader)) { return false; } break;
                        default: reader.Skip(); break;
                    }
                }

                return reader.TokenType == System.Text.Json.JsonTokenType.EndObject
                    && !string.IsNullOrWhiteSpace(type) && !string.IsNullOrWhiteSpace(channelId)
                    && !string.IsNullOrWhiteSpace(conversationId) && !string.IsNullOrWhiteSpace(fromId)
                    && (!requireServiceUrl || IsHttpUrl(serviceUrl));
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        private static bool NestedPass(ref System.Text.Json.Utf8JsonReader reader, out string? id)
        {
            id = null;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (!Nested.Contains(name))
                {
                    reader.Skip();
                    continue;
                }

                if (!Nested.Contains(name, StringComparer.Ordinal) || !seen.Add(name))
                {
                    return false;
                }

                var kind = Kind(reader.TokenType);
                if (kind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return false;
                }

                if (name == "id")
                {
                    id = reader.GetString();
                }
            }

            return true;
        }

        private static bool AllObjects(ref System.Text.Json.Utf8JsonReader reader)
        {
            while (reader.Read() && reader.TokenType != System.Text.Json.JsonTokenType.EndArray)
            {
                if (reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
                {
                    return false;
                }

                reader.Skip();
            }

            return true;
        }

        private static JsonValueKind Kind(System.Text.Json.JsonTokenType token) => token switch
        {
            System.Text.Json.JsonTokenType.String => JsonValueKind.String,
            System.Text.Json.JsonTokenType.StartObject => JsonValueKind.Object,
            System.Text.Json.JsonTokenType.StartArray => JsonValueKind.Array,
            System.Text.Json.JsonTokenType.Null => JsonValueKind.Null,
            _ => JsonValueKind.Other,
        };

        private enum JsonValueKind
        {
            Other,
            String,
            Object,
            Array,
            Null,
        }
    }

    /// <summary>The body as a JSON object, or why it is not one.</summary>
    private static (JObject? Json, string? Problem) ParseObject(byte[] body)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(new UTF8Encoding(false, false).GetString(body))) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            return JToken.ReadFrom(reader) is JObject parsed ? (parsed, null) : (null, "The body must be a JSON object (an activity).");
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON.");
        }
    }

    /// <summary>
    /// Reads the activity's times ("timestamp", "localTimestamp") to the values the serializer's own reading gives,
    /// the round-trip form ("o", what the Bot Framework sends) first, by its exact parser: the general one compares
    /// the format's literals culture-aware, which cost more than the rest of the activity together.
    /// </summary>
    internal sealed class Timestamps : JsonConverter
    {
        public override bool CanWrite => false;

        public override bool CanConvert(Type objectType) => objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
        {
            switch (reader.TokenType)
            {
                case JsonToken.Null when objectType == typeof(DateTimeOffset?):
                    return null;
                case JsonToken.Date when reader.Value is DateTimeOffset value:
                    return value;
                case JsonToken.Date when reader.Value is DateTime value:
                    return new DateTimeOffset(value);
                case JsonToken.String when reader.Value is string text:
                    if (text.Length == 0 && objectType == typeof(DateTimeOffset?))
                    {
                        return null;
                    }

                    if (DateTimeOffset.TryParseExact(text, "o", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var roundTrip)
                        || DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out roundTrip))
                    {
                        return roundTrip;
                    }

                    break;
            }

            throw new JsonSerializationException($"The value is not a date and time.", reader.Path, 0, 0, null);
        }

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => throw new NotSupportedException();
    }
}
