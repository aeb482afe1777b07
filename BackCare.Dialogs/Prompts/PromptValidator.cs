namespace BackCare.Dialogs;

/// <summary>
/// Decides whether a prompt's answer is accepted. Return <c>true</c> to accept <see cref="PromptValidatorContext{T}.Recognized"/>;
/// a validator that sends its own message on <c>false</c> stops the prompt's retry message for that turn.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <param name="promptContext">The validator's context.</param>
/// <param name="cancellationToken">A cancellation token.</param>
/// <returns>Whether the answer is accepted.</returns>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);
