using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Support;

/// <summary>Puts a MemoryStorage's items through JSON text, as a restart over a real store would.</summary>
public static class StoredJson
{
    /// <summary>Writes every item of a MemoryStorage out as JSON text and reads it back into a new MemoryStorage.</summary>
    public static MemoryStorage ThroughJsonText(IStorage storage, out string json)
    {
        var field = typeof(MemoryStorage).GetField("_memory", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var memory = (Dictionary<string, JObject>)field.GetValue(storage)!;
        json = JsonConvert.SerializeObject(memory);
        var reread = JsonConvert.DeserializeObject<Dictionary<string, JObject>>(json)!;
        return new MemoryStorage(reread);
    }
}
