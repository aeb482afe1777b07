namespace BackCare.Bot.Understanding;

/// <summary>
/// Recognises the words that work at any turn (help, cancel, start over, summary, progress, delete my data) and the
/// routine's commands. A message that is the command, give or take polite words, counts; so "it helps when I
/// stop" is never taken for one. In the routine, "it doesn't hurt, next" is read clause by clause.
/// </summary>
/// <param name="language">The language layer.</param>
public sealed class CommandReader(LanguageLayer language) : IDisposable
{
    /// <summary>
    /// One reading per message, as in the language layer: the bot and the interruption check both read the turn's
    /// text (the same object).
    /// </summary>
    private readonly RecentReadings<System.Runtime.CompilerServices.StrongBox<Command>> _read = new();

    /// <inheritdoc/>
    public void Dispose() => _read.Dispose();

    /// <summary>Reads a command that works at any turn.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The command, or <see cref="Command.None"/>.</returns>
    public Command Read(string? text)
    {
        return text is null ? ReadNow(text) : _read.Get(text, this, static (reader, t) => new System.Runtime.CompilerServices.StrongBox<Command>(reader.ReadNow(t))).Value;
    }

    private Command ReadNow(string? text)
    {
        // The language layer's reading of the message (read once per message, and every message is read for signs).
        var utterance = text is null ? language.Normalize(text) : language.Analyse(text).Utterance;
        var said = Core(utterance);
        var command = said.Length == 0 ? Command.None : language.Lexicon.Commands.FirstOrDefault(c => c.Pattern.IsMatch(said)).Command;
        if (command != Command.None || !utterance.Tokens.Any(t => t.StartsWith(ReminderCue, StringComparison.Ordinal)))
        {
            return command;
        }

        // "Remind me every day at 7pm": with the time taken out, the rest must be a reminder request.
        var time = ReminderTimeReader.Read(text);
        if (time.At is null && !time.Ambiguous)
        {
            return Command.None;
        }

        var rest = Core(language.Normalize(time.Rest));
        return rest.Length > 0 && language.Lexicon.Commands.Any(c => c.Command == Command.SetReminder && c.Pattern.IsMatch(rest)) ? Command.SetReminder : Command.None;
    }

    /// <summary>The stem every reminder request has ("remind me", "a daily reminder"): only then is a time looked for, which is slow.</summary>
    public const string ReminderCue = "remind";

    /// <summary>Reads a routine command.</summary>
    /// <param name="text">What the person typed.</param>
    /// <returns>The command, or <see cref="RoutineCommand.None"/>.</returns>
    public RoutineCommand ReadRoutine(string? text)
    {
        var utterance = language.Normalize(text);
        var whole = Routine(Core(utterance));
        if (whole != RoutineCommand.None)
        {
            return whole;
        }

        // Pain said in any words and not denied ("that really hurt my back", "too painful") ends the routine.
        var analysis = language.Analyse(utterance);
        if (analysis.Mentions.Any(m => m.Concept == HurtingConcept && m.Affirmed && !m.Hypothetical))
        {
            return RoutineCommand.ItHurts;
        }

        // Clause by clause: "it doesn't hurt, next" is next; "ok but it hurts" is it hurts.
        var found = new List<RoutineCommand>();
        var clause = new List<string>();
        foreach (var token in utterance.Tokens.Append("."))
        {
            if (token is "," or "." or "!" or "?" or ";" or "but" or "and" or "then")
            {
                var command = Routine(Core(clause));
                if (command != RoutineCommand.None)
                {
                    found.Add(command);
                }

                clause.Clear();
            }
            else
            {
                clause.Add(token);
            }
        }

        return found.Contains(RoutineCommand.ItHurts) ? RoutineCommand.ItHurts : found.LastOrDefault();
    }

    /// <summary>The lexicon's concept for pain during an exercise.</summary>
    public const string HurtingConcept = "Hurting";

    private RoutineCommand Routine(string said)
        => said.Length == 0 ? RoutineCommand.None : language.Lexicon.RoutineCommands.FirstOrDefault(c => c.Pattern.IsMatch(said)).Command;

    private string Core(Utterance utterance) => Core(utterance.Tokens);

    /// <summary>The message without polite words and punctuation, as " word word " for the whole-message patterns.</summary>
    private string Core(IReadOnlyList<string> tokens)
    {
        var words = tokens.Where(t => t.Any(char.IsLetterOrDigit) || t is "👍").ToList();
        if (words.Count == 0 && tokens.Any(t => t == "?"))
        {
            words.Add("?");
        }

        var text = " " + string.Concat(words.Select(w => w + " "));
        string previous;
        do
        {
            previous = text;
            if (language.Lexicon.PoliteAtStart.FirstMatch(text) is { } start && start.Length < text.Length - 1)
            {
                text = " " + text[start.Length..];
            }

            if (language.Lexicon.PoliteAtEnd.FirstMatch(text) is { } end && end.Index > 1)
            {
                text = text[..end.Index];
            }
        }
        while (text != previous);

        return text.Trim().Length == 0 ? string.Empty : text;
    }
}
