// The admin token: asked for with a labelled form when a /mock call answers 401, kept in sessionStorage for this
// tab's session only once the server accepts it, and forgotten on request. "Forget the admin token" is offered only
// while one is kept; "Enter the admin token" while calls wait for one and the form was closed.
import { token, onTokenNeeded } from './api.js';

export function setupToken({ dialog, form, input, error, button, onWaiting }) {
  let answer = null;

  const refresh = () => {
    const waiting = answer !== null && !dialog.open;
    button.hidden = !waiting && token.get() === null;
    button.textContent = waiting ? 'Enter the admin token' : 'Forget the admin token';
  };

  onTokenNeeded((refused) => new Promise((resolve) => {
    answer = resolve;
    error.textContent = refused ? 'That token was refused. Check Beacon:Admin:Token and try again.' : '';
    if (!dialog.open) dialog.showModal();
    input.focus();
    onWaiting();
    refresh();
  }));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (!value) return;
    token.give(value);
    input.value = '';
    dialog.close();
    const resolve = answer;
    answer = null;
    refresh();
    resolve?.();
  });

  // Closed with Escape while calls wait: the header button opens it again.
  dialog.addEventListener('close', refresh);
  token.onChange(refresh);

  button.addEventListener('click', () => {
    if (answer !== null) {
      dialog.showModal();
      input.focus();
    } else {
      token.clear();
      // The open stream was authorized with the old token: start again without it.
      location.reload();
    }
  });

  refresh();
}
