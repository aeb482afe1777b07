// Starts Web Chat. The page's own words come from page-strings.js. The conversation (its id, the current token
// and the last watermark) is kept in sessionStorage, so a reload reconnects to the same conversation
// (GET {domain}/conversations/{id}?watermark=, Direct Line 3.0) and the transcript the server keeps comes back.
// A new conversation gets a token from this host (which exchanges its Direct Line secret, or runs its own offline
// Direct Line endpoint), is started and greeted (the webchat/join event) while the large widget script is still
// loading, and Web Chat then connects to it like to a kept one. With the offline endpoint (polling), the page checks
// its conversation every few seconds: after a host restart that lost it, the page starts a new one for the same
// person and says so; it never leaves a person typing into a dead chat.
(function () {
  'use strict';
  const text = window.BackCarePageStrings;
  // The server issues the user id, inside the Direct Line token. The page keeps only the ticket the server
  // gave with it (which it can verify), so one person stays one person across reloads; ids made up here are
  // never used.
  const ticketKey = 'backcare-user-ticket';
  const conversationKey = 'backcare-conversation';
  const checkEveryMs = 5000;
  localStorage.removeItem('backcare-user-id');

  document.title = text.title;
  document.querySelectorAll('[data-text]').forEach(element => { element.textContent = text[element.dataset.text]; });
  document.querySelectorAll('[data-label]').forEach(element => { element.setAttribute('aria-label', text[element.dataset.label]); });

  const status = document.getElementById('status');
  const notice = document.getElementById('notice');
  const problem = document.getElementById('problem');
  const chat = document.getElementById('webchat');
  const show = (element, key) => {
    element.textContent = text[key];
    element.hidden = false;
  };
  const fail = error => {
    console.error(error);
    status.hidden = true;
    show(problem, 'couldNotStart');
  };

  // The widget (large, already being fetched thanks to the preload link) runs after the page's own text is shown.
  const widget = new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = document.getElementById('webchat-script').getAttribute('href');
    script.onload = () => resolve(window.WebChat);
    script.onerror = () => reject(new Error('the Web Chat script did not load'));
    document.body.appendChild(script);
  });

  const keptConversation = () => {
    try {
      const conversation = JSON.parse(sessionStorage.getItem(conversationKey) || 'null');
      return conversation && conversation.conversationId && conversation.token && conversation.domain ? conversation : null;
    } catch {
      return null;
    }
  };

  // A new conversation, started and greeted at once (while the widget loads): Web Chat then connects to it.
  async function newConversation() {
    const response = await fetch('api/directline/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userTicket: localStorage.getItem(ticketKey) || undefined })
    });
    if (!response.ok) {
      throw new Error('token request failed: ' + response.status);
    }

    const { token, domain, webSocket, userId, userTicket } = await response.json();
    if (userTicket) {
      localStorage.setItem(ticketKey, userTicket);
    }

    const started = await fetch(`${domain}/conversations`, { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
    if (!started.ok) {
      throw new Error('could not start a conversation: ' + started.status);
    }

    const conversation = await started.json();
    const joined = await fetch(`${domain}/conversations/${encodeURIComponent(conversation.conversationId)}/activities`, {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + (conversation.token || token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'event', name: 'webchat/join', from: { id: userId, role: 'user' }, value: { locale: navigator.language } })
    });
    if (!joined.ok) {
      throw new Error('could not join the conversation: ' + joined.status);
    }

    return { token: conversation.token || token, domain, webSocket, userId, conversationId: conversation.conversationId, watermark: '' };
  }

  let current = null;

  // Renders Web Chat on a started conversation, reconnecting to it: the whole transcript the server keeps is
  // fetched from the start (not from the kept watermark), since this page load has none of it. A conversation
  // kept from an earlier load that cannot be reconnected is replaced by a new one; a new one that cannot is a problem.
  async function open(conversation, kept) {
    const WebChat = await widget;
    if (current) {
      current.stop();
    }

    const directLine = WebChat.createDirectLine({
      token: conversation.token,
      domain: conversation.domain,
      webSocket: conversation.webSocket,
      pollingInterval: 500,
      conversationId: conversation.conversationId
    });
    let stopped = false;
    let lost = false;
    let stalled = null;
    let checking = false;

    const keep = () => {
      if (!stopped) {
        conversation.conversationId = directLine.conversationId || conversation.conversationId;
        conversation.token = directLine.token || conversation.token;
        conversation.watermark = directLine.watermark || conversation.watermark;
        sessionStorage.setItem(conversationKey, JSON.stringify(conversation));
      }
    };

    // Is the conversation still there? Asked of the offline endpoint only (Azure's WebSocket reconnects by itself).
    async function check() {
      const id = directLine.conversationId || conversation.conversationId;
      if (stopped || checking || !id) {
        return;
      }

      checking = true;
      try {
        let response;
        try {
          response = await fetch(`${conversation.domain}/conversations/${encodeURIComponent(id)}?watermark=${encodeURIComponent(directLine.watermark || '')}`, {
            headers: { Authorization: 'Bearer ' + (directLine.token || conversation.token) },
            cache: 'no-store'
          });
        } catch {
          lost = true;
          show(status, 'reconnecting');
          return;
        }

        if (response.ok) {
          // The host has activities this page has not had for a whole check interval: its polling has stopped
          // (Web Chat's polling gives up silently when a request fails, as after a sleep or a network blip).
          const { watermark } = await response.json();
          const behind = Number(watermark) > Number(directLine.watermark || 0);
          stalled = behind && stalled === watermark ? 'again' : behind ? watermark : null;
          if (lost || stalled === 'again') {
            // Back after the host or the network was away: start polling again on the same conversation.
            status.hidden = true;
            keep();
            await open(conversation, true);
          }
        } else if (response.status === 401 || response.status === 403 || response.status === 404) {
          // The host no longer has this conversation (it restarted, or the conversation expired): a new one, same person.
          sessionStorage.removeItem(conversationKey);
          await open(await newConversation(), false);
          status.hidden = true;
          show(notice, 'restarted');
        } else {
          lost = true;
          show(status, 'reconnecting');
        }
      } catch (error) {
        fail(error);
      } finally {
        checking = false;
      }
    }

    const store = WebChat.createStore({}, () => next => action => {
      if (stopped) {
        return next(action);
      }

      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
        keep();
      } else if (action.type === 'DIRECT_LINE/CONNECT_REJECTED') {
        setTimeout(kept ? check : () => fail(new Error('could not connect to a new conversation')));
      } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY_REJECTED') {
        setTimeout(check);
      }

      const result = next(action);
      if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
        status.hidden = true;
        keep();
      }

      return result;
    });

    const timer = conversation.webSocket ? null : setInterval(check, checkEveryMs);
    const element = document.createElement('div');
    chat.replaceChildren(element);
    current = {
      stop() {
        stopped = true;
        clearInterval(timer);
        directLine.end();
      }
    };
    window.addEventListener('pagehide', keep);

    WebChat.renderWebChat(
      {
        directLine,
        store,
        userID: conversation.userId,
        locale: 'en-US',
        overrideLocalizedStrings: { TEXT_INPUT_ALT: text.inputLabel, TEXT_INPUT_PLACEHOLDER: text.inputPlaceholder },
        styleOptions: {
          accent: '#007882',
          botAvatarInitials: 'BC',
          hideUploadButton: true,
          suggestedActionLayout: 'flow'
        }
      },
      element
    );
    element.querySelector('input, textarea')?.focus();
  }

  (async () => {
    try {
      const conversation = keptConversation();
      await open(conversation || await newConversation(), conversation !== null);
    } catch (error) {
      fail(error);
    }
  })();
})();
