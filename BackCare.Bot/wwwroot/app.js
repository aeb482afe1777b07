// Starts Web Chat: gets a token from this host (which exchanges its Direct Line secret, or runs its own
// offline Direct Line endpoint), then greets the person by sending the webchat/join event once connected.
(async function () {
  // The server issues the user id, inside the Direct Line token. The page keeps only the ticket the server
  // gave with it (which it can verify), so one person stays one person across reloads; ids made up here are
  // never used.
  const ticketKey = 'backcare-user-ticket';
  localStorage.removeItem('backcare-user-id');

  try {
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

    const directLine = window.WebChat.createDirectLine({ token, domain, webSocket, pollingInterval: 500 });
    const store = window.WebChat.createStore({}, ({ dispatch }) => next => action => {
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
        dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: navigator.language } } });
      }
      return next(action);
    });

    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        userID: userId,
        locale: 'en-US',
        styleOptions: {
          accent: '#007882',
          botAvatarInitials: 'BC',
          hideUploadButton: true,
          suggestedActionLayout: 'flow'
        }
      },
      document.getElementById('webchat')
    );
    document.querySelector('#webchat input, #webchat textarea')?.focus();
  } catch (error) {
    document.getElementById('problem').style.display = 'block';
    console.error(error);
  }
})();
