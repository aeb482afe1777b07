// Starts Web Chat. The page's own words come from page-strings.js. The conversation (its id, the current token
// and the last watermark) is kept in sessionStorage, so a reload reconnects to the same conversation
// (GET {domain}/conversations/{id}?watermark=, Direct Line 3.0) and the transcript the server keeps comes back.
// A new conversation gets a token from this host (which exchanges its Direct Line secret, or runs its own offline
// Direct Line endpoint) and is greeted by sending the webchat/join event once connected. With the offline endpoint
// (polling), the page checks its conversation every few seconds: after a host restart that lost it, the page
// starts a new one for the same person and says so; it never leaves a person typing into a dead chat.
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

  // The widget (large, already being fetched thanks to the preload link) runs after the page's own text is shown.
  const widget = new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = document.getElementById('webchat-script').getAttribute('href');
    script.onload = () => resolve(window.WebChat);
    script.onerror = () => reject(new Error('the Web Chat script did not load'));
    document.body.appendChild(script);
  });

  const kept = () => {
    try {
      const conversation = JSON.parse(sessionStorage.getItem(conversationKey) || 'null');
      return conversation && conversation.conversationId && conversation.token && conversation.domain ? conversation : null;
    } catch {
      return null;
    }
  };

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

    return { token, domain, webSocket, userId, conversationId: null, watermark: '' };
  }

  let current = null;

  // Renders Web Chat on a conversation: a new one (greeted with webchat/join) or a kept one (reconnected; the
  // whole transcript the server keeps is fetched again, from watermark 0, since this page load has none of it).
  async function open(conversation, resumed) {
    const WebChat = await widget;
    if (current) {
      current.stop();
    }

    const directLine = WebChat.createDirectLine({
      token: conversation.token,
      domain: conversation.domain,
      webSocket: conversation.webSocket,
      pollingInterval: 500,
      conversationId: resumed ? conversation.conversationId : undefined
    });
    let stopped = false;
    let lost = false;
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
          if (lost) {
            // The host was away and is back with this conversation: polling gave up meanwhile, so start it again.
            status.hidden = true;
            keep();
            await open(conversation, true);
          }
        } else if (response.status === 401 || response.status === 403 || response.status === 404) {
          // The host no longer has this conversation (it restarted, or the conversation expired): a new one, same person.
          sessionStorage.removeItem(conversationKey);
          await open(await newConversation(), false);
          show(notice, 'restarted');
        } else {
          lost = true;
          show(status, 'reconnecting');
        }
      } catch (error) {
        console.error(error);
        show(problem, 'couldNotStart');
      } finally {
        checking = false;
      }
    }

    const store = WebChat.createStore({}, ({ dispatch }) => next => action => {
      if (stopped) {
        return next(action);
      }

      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
        keep();
        if (!resumed) {
          dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: navigator.language } } });
        }
      } else if (action.type === 'DIRECT_LINE/CONNECT_REJECTED') {
        setTimeout(resumed ? check : () => show(problem, 'couldNotStart'));
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
      const conversation = kept();
      await open(conversation || await newConversation(), conversation !== null);
    } catch (error) {
      status.hidden = true;
      show(problem, 'couldNotStart');
      console.error(error);
    }
  })();
})();
