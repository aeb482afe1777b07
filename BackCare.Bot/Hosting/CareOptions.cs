using System.ComponentModel.DataAnnotations;

namespace BackCare.Bot.Hosting;

/// <summary>Where to send people who need care, set per deployment: read by the triage report.</summary>
public sealed class CareOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BackCare:Care";

    /// <summary>Gets or sets the emergency number (911 in the US, 999 in the UK, 112 in the EU). Default 911.</summary>
    [Display(Name = Section + ":" + nameof(EmergencyNumber))]
    [Required(ErrorMessage = "{0} must be set: it is the number the bot tells people to call in an emergency (911, 999, 112...).")]
    [StringLength(20, MinimumLength = 2, ErrorMessage = "{0} must be {2} to {1} characters long.")]
    [RegularExpression("^\\+?[0-9][0-9 ]*[0-9]$", ErrorMessage = "{0} must be digits and spaces, with an optional leading + (like 911, 112 or +44 20 7946 0000).")]
    public string EmergencyNumber { get; set; } = "911";

    /// <summary>
    /// Gets or sets where to get same-day advice, said after "see a doctor today:". The words are the clinic's, set in
    /// appsettings.json (BackCare:Care) where they can be reviewed, not here: left unset, the host does not start.
    /// </summary>
    [Display(Name = Section + ":" + nameof(UrgentAdvice))]
    [Required(ErrorMessage = "{0} must be set: it tells people where to get same-day care.")]
    [StringLength(500, ErrorMessage = "{0} must be at most {1} characters long.")]
    public string UrgentAdvice { get; set; } = string.Empty;
}
