using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Support;

/// <summary>Reads hero cards whether their content is typed or (after a trip through state) a JObject, as on the wire.</summary>
public static class Cards
{
    public static HeroCard? Hero(Activity? activity)
    {
        var content = activity?.Attachments?.FirstOrDefault(a => a.ContentType == HeroCard.ContentType)?.Content;
        return content switch
        {
            HeroCard card => card,
            JObject json => json.ToObject<HeroCard>(),
            _ => null,
        };
    }
}
