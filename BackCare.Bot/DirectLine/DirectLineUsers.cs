using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace BackCare.Bot.DirectLine;

/// <summary>
/// Web Chat user ids, issued by the server: a new <c>dl_</c> id, or the one a page got before, proven by the
/// ticket the server gave it then (the id protected with ASP.NET Core Data Protection, so it cannot be made up
/// or altered by a client). A made-up id, or a ticket this host cannot verify, gets a fresh id.
/// </summary>
public sealed class DirectLineUsers(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("BackCare.DirectLine.UserTicket.v1");

    /// <summary>The user id for a token request, and the ticket the page keeps to ask for it again.</summary>
    /// <param name="ticket">The ticket the page sent back, or <c>null</c>.</param>
    /// <returns>The user id and its ticket.</returns>
    public (string UserId, string Ticket) IdFor(string? ticket)
    {
        var userId = Verify(ticket) ?? "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return (userId, _protector.Protect(userId));
    }

    private string? Verify(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 1024)
        {
            return null;
        }

        try
        {
            var userId = _protector.Unprotect(ticket);
            return userId.StartsWith("dl_", StringComparison.Ordinal) ? userId : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
