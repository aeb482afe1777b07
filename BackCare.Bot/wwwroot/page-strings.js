// Every sentence the Web Chat page shows by itself, for clinical review like the bot's content files (what the
// bot says is in Content/en/conversation.json and the other content files, not here). Keys are used by
// index.html (data-text, data-label) and app.js; BackCare.Bot.Tests checks that every key used is here.
// Keep this file an object literal of strings, assigned to window.BackCarePageStrings.
window.BackCarePageStrings = {
  "title": "BackCare: back pain check",
  "heading": "BackCare",
  "safetyNote": "Not a doctor. If you have numbness between your legs, trouble peeing, or weakness in both legs, get emergency help now.",
  "chatLabel": "Chat with BackCare",
  "connecting": "Connecting…",
  "reconnecting": "The connection was lost. Trying again…",
  "restarted": "The chat had to start again, so earlier messages are not shown here. Say hi to go on: if you were partway through your exercises, BackCare will offer to pick up where you stopped.",
  "couldNotStart": "Sorry, the chat could not start. Please reload the page in a moment.",
  "inputLabel": "Your answer",
  "inputPlaceholder": "Type your answer, then press Enter"
};
