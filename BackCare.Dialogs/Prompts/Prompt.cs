using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace BackCare.Dialogs;

/// <summary>
/// The base of every prompt: asks a question, recognises the answer, lets a validator accept or refuse it, and
/// asks again (with <see cref="PromptOptions.RetryPrompt"/>) until an answer is accepted. Ends with the value.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
public abstract class Prompt<T> : Dialog
{
    /// <summary>The key of the number of answers tried, in the prompt's state.</summary>
    protected internal const string AttemptCountKey = "AttemptCount";
    private const string PersistedOptions = "options";
    private const string PersistedState = "state";

    private readonly PromptValidator<T>? _validator;

    /// <summary>Initializes a new instance of the <see cref="Prompt{T}"/> class.</summary>
    /// <param name="dialogId">The prompt's id.</param>
    /// <param name="validator">An optional validator; without one, any recognised value is accepted.</param>
    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId)
    {
        _validator = validator;
    }

    /// <summary>Gets or sets how the prompt shows choices when the options do not say; default <see cref="ListStyle.Auto"/>.</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <inheritdoc/>
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (options is not PromptOptions promptOptions)
        {
            throw new ArgumentException($"The prompt '{Id}' needs PromptOptions.", nameof(options));
        }

        if (promptOptions.Prompt is null)
        {
            throw new ArgumentException($"The prompt '{Id}' was started without a Prompt activity.", nameof(options));
        }

        promptOptions.Prompt.InputHint ??= InputHints.ExpectingInput;
        if (promptOptions.RetryPrompt is not null)
        {
            promptOptions.RetryPrompt.InputHint ??= InputHints.ExpectingInput;
        }

        var instanceState = dc.ActiveDialog!.State;
        var state = new Dictionary<string, object> { [AttemptCountKey] = 0 };
        instanceState[PersistedOptions] = promptOptions;
        instanceState[PersistedState] = state;

        await OnPromptAsync(dc.Context, state, promptOptions, false, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    /// <inheritdoc/>
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var (state, options) = ReadState(dc.ActiveDialog!);
        var recognized = await OnRecognizeAsync(dc.Context, state, options, cancellationToken).ConfigureAwait(false);
        state[AttemptCountKey] = state.GetValue<int>(AttemptCountKey) + 1;

        var isValid = recognized.Succeeded;
        if (_validator is not null)
        {
            var promptContext = new PromptValidatorContext<T>(dc.Context, recognized, state, options);
            isValid = await _validator(promptContext, cancellationToken).ConfigureAwait(false);
        }

        if (isValid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken).ConfigureAwait(false);
        }

        if (!dc.Context.Responded)
        {
            await OnPromptAsync(dc.Context, state, options, true, cancellationToken).ConfigureAwait(false);
        }

        return EndOfTurn;
    }

    /// <summary>A prompt is resumed only when a dialog was pushed above it: it asks its question again.</summary>
    /// <inheritdoc/>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    /// <inheritdoc/>
    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var (state, options) = ReadState(instance);
        await OnPromptAsync(turnContext, state, options, false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the question, or on a retry the retry prompt (the question when there is none).</summary>
    /// <param name="turnContext">The turn context.</param>
    /// <param name="state">The prompt's state.</param>
    /// <param name="options">The prompt's options.</param>
    /// <param name="isRetry">Whether the last answer was not accepted.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    protected virtual async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var activity = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt!;
        await turnContext.SendActivityAsync(Copy(activity), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recognises a value in the user's activity.</summary>
    /// <param name="turnContext">The turn context.</param>
    /// <param name="state">The prompt's state.</param>
    /// <param name="options">The prompt's options.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>What was recognised.</returns>
    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default);

    /// <summary>Adds the choices to a question in the given style, the channel deciding when the style is <see cref="ListStyle.Auto"/>.</summary>
    /// <param name="prompt">The question.</param>
    /// <param name="channelId">The channel id.</param>
    /// <param name="choices">The choices.</param>
    /// <param name="style">The style.</param>
    /// <returns>A new activity with the choices.</returns>
    protected static Activity AppendChoices(Activity prompt, string? channelId, IList<Choice> choices, ListStyle style)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(choices);
        var text = prompt.Text;
        var built = style switch
        {
            ListStyle.Inline => ChoiceFactory.Inline(choices, text),
            ListStyle.List => ChoiceFactory.List(choices, text),
            ListStyle.SuggestedAction => ChoiceFactory.SuggestedAction(choices, text),
            ListStyle.HeroCard => ChoiceFactory.HeroCard(choices, text),
            ListStyle.None => MessageFactory.Text(text),
            _ => ChoiceFactory.ForChannel(channelId, choices, text),
        };

        var result = Copy(prompt);
        result.Text = built.Text;
        if (built.Attachments is { Count: > 0 })
        {
            result.Attachments = [.. result.Attachments ?? [], .. built.Attachments];
        }

        if (built.SuggestedActions is not null)
        {
            result.SuggestedActions = built.SuggestedActions;
        }

        return result;
    }

    /// <summary>Copies an activity, so that sending it does not change the one kept in the prompt's state.</summary>
    /// <param name="activity">The activity.</param>
    /// <returns>A deep copy.</returns>
    protected static Activity Copy(Activity activity)
        => JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(activity))!;

    private static (IDictionary<string, object> State, PromptOptions Options) ReadState(DialogInstance instance)
    {
        var options = StateValues.As<PromptOptions>(instance.State.TryGetValue(PersistedOptions, out var o) ? o : null)
            ?? throw new InvalidOperationException("The prompt's options are missing from its state.");
        instance.State.TryGetValue(PersistedState, out var stored);
        var state = stored as IDictionary<string, object> ?? StateValues.As<Dictionary<string, object>>(stored) ?? new Dictionary<string, object>();
        instance.State[PersistedOptions] = options;
        instance.State[PersistedState] = state;
        return (state, options);
    }
}
