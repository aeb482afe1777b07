using System.Reflection;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Finds settings that BackCare would silently ignore: a key under "BackCare" that no options class of
/// <see cref="BackCareSettings.Sections"/> reads (a typo), and the Bot Framework's own settings put under a
/// section (BackCare__MicrosoftAppId), which the SDK reads only at the top level.
/// </summary>
public static class SettingNames
{
    private static readonly string[] TopLevelOnly = ["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "MicrosoftAppTenantId"];

    /// <summary>Describes each ignored setting, with its environment-variable spelling and what to use instead.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The descriptions; empty when every setting is read.</returns>
    public static List<string> Unknown(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var root = configuration.GetSection(BackCareSettings.Root);
        Walk(root, BoundTo(root.Path), problems);
        return problems;
    }

    /// <summary>The options classes bound to a section.</summary>
    private static List<Type> BoundTo(string path)
        => BackCareSettings.Sections.Where(s => s.Section.Equals(path, StringComparison.OrdinalIgnoreCase)).Select(s => s.Options).ToList();

    private static void Walk(IConfigurationSection section, List<Type> types, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var bound = BoundTo(child.Path);
            if (bound.Count > 0)
            {
                Walk(child, bound, problems);
                continue;
            }

            var property = types
                .Select(t => t.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase))
                .FirstOrDefault(p => p is not null);
            if (property is null)
            {
                var name = child.Path;
                var instead = TopLevelOnly.FirstOrDefault(t => t.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
                problems.Add(instead is null
                    ? $"'{name}' (environment variable {name.Replace(":", "__", StringComparison.Ordinal)}) is not a setting"
                    : $"'{name}' (environment variable {name.Replace(":", "__", StringComparison.Ordinal)}) is not read: use '{instead}' at the top level (environment variable {instead})");
                continue;
            }

            var propertyType = property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
            {
                Walk(child, [propertyType], problems);
            }
        }
    }
}
