using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Support;

public static class JObjectExtensions
{
    /// <summary>Changes the object and returns it, for use in expressions.</summary>
    public static JObject Also(this JObject value, Action<JObject> change)
    {
        change(value);
        return value;
    }
}
