using System.Collections;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Which environment the host runs in. An environment given explicitly (ASPNETCORE_ENVIRONMENT,
/// DOTNET_ENVIRONMENT, or --environment to the program) always wins. The launch profile only offers a default
/// (BACKCARE_DEFAULT_ENVIRONMENT), so `ASPNETCORE_ENVIRONMENT=Production dotnet run` runs in Production.
/// `dotnet run --environment Production` is read by dotnet run itself as "set a variable named Production": that
/// mistake is recognised too, for the standard environment names.
/// </summary>
public static class EnvironmentChoice
{
    /// <summary>The variable the launch profile sets: a default, used only when nothing explicit is given.</summary>
    public const string DefaultVariable = "BACKCARE_DEFAULT_ENVIRONMENT";

    private static readonly string[] StandardNames = [Environments.Production, Environments.Staging, Environments.Development];

    /// <summary>
    /// The environment to impose on the host, or <c>null</c> to let the host read the explicit one (or its own default).
    /// </summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="variables">The process's environment variables.</param>
    /// <returns>The name, or <c>null</c>.</returns>
    public static string? Resolve(string[] args, IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(variables);
        if (args.Any(a => a.TrimStart('-', '/').StartsWith("environment", StringComparison.OrdinalIgnoreCase))
            || HasValue(variables, "ASPNETCORE_ENVIRONMENT")
            || HasValue(variables, "DOTNET_ENVIRONMENT"))
        {
            return null;
        }

        // `dotnet run --environment Production` sets an empty variable named "Production".
        foreach (var name in StandardNames)
        {
            if (variables.Contains(name) && string.IsNullOrEmpty(variables[name] as string))
            {
                return name;
            }
        }

        return variables[DefaultVariable] is string { Length: > 0 } fallback ? fallback : null;
    }

    private static bool HasValue(IDictionary variables, string name) => variables[name] is string { Length: > 0 };
}
