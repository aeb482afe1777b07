using Microsoft.Bot.Builder;

namespace BackCare.Dialogs;

/// <summary>What a validator sees: the answer recognised, the prompt's options, and how many answers have been tried.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
public class PromptValidatorContext<T>
{
    internal PromptValidatorContext(ITurnContext turnContext, PromptRecognizerResult<T> recognized, IDictionary<string, object> state, PromptOptions options)
    {
        Context = turnContext;
        Recognized = recognized;
        State = state;
        Options = options;
    }

    /// <summary>Gets the turn context.</summary>
    public ITurnContext Context { get; }

    /// <summary>Gets what the prompt recognised.</summary>
    public PromptRecognizerResult<T> Recognized { get; }

    /// <summary>Gets the prompt's options.</summary>
    public PromptOptions Options { get; }

    /// <summary>Gets the prompt's persisted state; a validator may keep its own values here.</summary>
    public IDictionary<string, object> State { get; }

    /// <summary>Gets how many answers the user has given to this prompt, this one included (1 on the first answer).</summary>
    public int AttemptCount => State.GetValue<int>(Prompt<T>.AttemptCountKey);
}
