using BackCare.Bot.Content;
using BackCare.Bot.Exercises;
using BackCare.Bot.Hosting;
using BackCare.Bot.Triage;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Cards;

/// <summary>
/// Every card BackCare sends, one set for every channel (Teams, Web Chat, the Emulator): step pages with their
/// pictures, triage results (the emergency one with attention styling and a call button), the summary, and choices
/// that do not fit a channel's suggested actions. Quick answers that fit stay suggested actions, which every channel
/// shows and which vanish once answered. The words all come from the content files.
/// </summary>
/// <param name="text">The bot's words.</param>
/// <param name="catalogue">The exercises.</param>
/// <param name="pictures">Which picture goes with which page.</param>
/// <param name="links">The pictures' absolute URLs.</param>
/// <param name="care">The emergency number.</param>
public sealed class CardSet(BotText text, ExerciseCatalogue catalogue, Illustrations pictures, PictureLinks links, IOptions<CareOptions> care)
{
    /// <summary>The pain scale's answers, 0 to 10.</summary>
    public static readonly IReadOnlyList<string> PainScale = [.. Enumerable.Range(0, 11).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The commands shown behind "More" on a step page, in order ("back" only after the first page).</summary>
    public static readonly IReadOnlyList<string> MoreStepButtons = ["button.back", "button.skip", "button.pause"];

    private readonly RoutineWalk _walk = new(catalogue, text);

    /// <summary>The step id of a routine page (exercise, page, paused), carried by its buttons.</summary>
    /// <param name="progress">The progress.</param>
    /// <returns>The id.</returns>
    public static string StepOf(RoutineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return FormattableString.Invariant($"walk:{progress.Exercise}.{progress.Page}{(progress.Paused ? ".paused" : string.Empty)}");
    }

    /// <summary>A question with quick answers: suggested actions where the channel shows them all, else a card.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="buttons">The answers' titles.</param>
    /// <param name="markdown">The question.</param>
    /// <param name="step">The step the answers belong to.</param>
    /// <returns>The message.</returns>
    public Activity Choices(string? channelId, IReadOnlyList<string> buttons, string markdown, string step)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        if (buttons.Count == 0)
        {
            return MessageFactory.Text(markdown);
        }

        if (Channel.SupportsSuggestedActions(channelId, buttons.Count))
        {
            return (Activity)ChoiceFactory.SuggestedAction([.. buttons.Select(b => new Choice(b))], markdown);
        }

        if (buttons.Count > AdaptiveCard.MaxActions)
        {
            // More than a card keeps: a numbered list, answered by typing (none of BackCare's questions has so many).
            return (Activity)ChoiceFactory.List([.. buttons.Select(b => new Choice(b))], markdown);
        }

        var card = new AdaptiveCard(AdaptiveCard.SummaryOf(markdown)).Text(markdown);
        foreach (var button in buttons)
        {
            card.Submit(button, step: step);
        }

        return card.ToActivity();
    }

    /// <summary>A pain question with 0 to 10 as quick answers (a drop-down on a card where they do not fit).</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="markdown">The question.</param>
    /// <param name="step">The step the answer belongs to.</param>
    /// <returns>The message.</returns>
    public Activity PainQuestion(string? channelId, string markdown, string step)
        => Channel.SupportsSuggestedActions(channelId, PainScale.Count)
            ? (Activity)ChoiceFactory.SuggestedAction([.. PainScale.Select(b => new Choice(b))], markdown)
            : new AdaptiveCard(AdaptiveCard.SummaryOf(markdown))
                .Text(markdown)
                .ChoiceInput("answer", text["scale.label"], PainScale, text["button.send"], step)
                .ToActivity();

    /// <summary>A page of the routine: where the person is, the page's words, its picture, and the commands.</summary>
    /// <param name="progress">The progress.</param>
    /// <param name="note">A word before the page ("welcome back"), or <c>null</c>.</param>
    /// <param name="channelId">The channel (Teams gets only https pictures).</param>
    /// <returns>The message.</returns>
    public Activity StepPage(RoutineProgress progress, string? note, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var step = StepOf(progress);
        if (progress.Paused)
        {
            var paused = (note + text.Format("walk.paused", ("where", _walk.Where(progress)))).Trim();
            return new AdaptiveCard(AdaptiveCard.SummaryOf(paused))
                .Text(paused)
                .Submit(text["button.continue"], step: step, style: "positive")
                .Submit(text["button.stop"], step: step)
                .ToActivity();
        }

        var page = _walk.Describe(progress);
        var split = page.IndexOf("\n\n", StringComparison.Ordinal);
        var heading = split < 0 ? page : page[..split];
        var card = new AdaptiveCard(AdaptiveCard.SummaryOf(heading));
        if (!string.IsNullOrWhiteSpace(note))
        {
            card.Text(note);
        }

        card.Text(heading);
        var exercise = catalogue[progress.Routine.ExerciseIds[progress.Exercise]];
        var picture = pictures.ForPage(exercise, progress.Page);
        if (links.For(picture.File, channelId) is { } url)
        {
            card.Image(url, picture.Alt);
        }

        if (split >= 0)
        {
            card.Text(page[(split + 2)..]);
        }

        // Five buttons: Done, Repeat, More (back, skip, pause), It hurts and Stop; a hold or a breathing page puts
        // "Start the timer" first, as the sixth.
        if (_walk.TimerSeconds(progress) is not null)
        {
            card.Submit(text[Dialogs.RoutineDialog.TimerButton], step: step);
        }

        var more = MoreStepButtons.Where(b => b != "button.back" || !RoutineWalk.AtStart(progress)).Select(b => text[b]);
        return card
            .Submit(text["button.done"], step: step, style: "positive")
            .Submit(text["button.repeat"], step: step)
            .More(text["button.more"], more, step)
            .Submit(text["button.itHurts"], step: step, style: "destructive")
            .Submit(text["button.stop"], step: step)
            .ToActivity();
    }

    /// <summary>A triage result, or anything said with one: an emergency in an attention box with a button that calls
    /// the emergency number, an urgent one in a warning box; the summary a tap away.</summary>
    /// <param name="level">The result's level.</param>
    /// <param name="markdown">The advice, with its reasons and what to look out for.</param>
    /// <param name="underSixteen">Whether it is the advice for someone under 16.</param>
    /// <returns>The message.</returns>
    public Activity Result(Disposition level, string markdown, bool underSixteen = false)
    {
        var card = new AdaptiveCard(AdaptiveCard.SummaryOf(markdown));
        switch (level)
        {
            case Disposition.Emergency:
                card.StyledText("attention", markdown).OpenUrl(text.Format("button.call", ("number", EmergencyNumber)), Tel(EmergencyNumber), "positive");
                break;
            case Disposition.Urgent:
                card.StyledText("warning", markdown);
                break;
            case Disposition.Doctor or Disposition.SelfCare:
                if (underSixteen)
                {
                    card.StyledText("warning", markdown);
                }
                else
                {
                    card.Text(markdown);
                }

                break;
        }

        if (level is Disposition.Emergency or Disposition.Urgent)
        {
            card.Submit(text["button.summary"]);
        }

        return card.ToActivity();
    }

    /// <summary>The handover summary as a card, with the commands that make sense after it.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="buttons">Command buttons (any turn), or none.</param>
    /// <returns>The message.</returns>
    public Activity Summary(string summary, params string[] buttons)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        var card = new AdaptiveCard(AdaptiveCard.SummaryOf(summary)).Text(summary);
        foreach (var button in buttons)
        {
            card.Submit(button);
        }

        return card.ToActivity();
    }

    /// <summary>Command buttons under a message (start over, summary...), as suggested actions: they work at any turn.</summary>
    /// <param name="markdown">The message.</param>
    /// <param name="buttons">The buttons' titles.</param>
    /// <returns>The message.</returns>
    public static Activity Commands(string markdown, params string[] buttons)
        => (Activity)ChoiceFactory.SuggestedAction([.. buttons.Select(b => new Choice(b))], markdown);

    private string EmergencyNumber => care.Value.EmergencyNumber;

    private static string Tel(string number) => "tel:" + new string([.. number.Where(c => char.IsDigit(c) || c == '+')]);
}
