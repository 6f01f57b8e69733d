// The remote API's client: one WebSocket to ws://<this runtime>/vtgo/api, requests answered by id, events pushed.
export class Remote {
  constructor(onEvent, onClose) {
    this.onEvent = onEvent;
    this.onClose = onClose;
    this.pending = new Map();
    this.nextId = 1;
  }

  /** Opens the socket; resolves on the runtime's hello. */
  open() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.socket = new WebSocket(`${scheme}//${location.host}/vtgo/api`);
    return new Promise((resolve, reject) => {
      this.socket.onmessage = message => {
        const data = JSON.parse(message.data);
        if (data.kind === 'hello') {
          resolve(data);
        } else if (data.kind === 'reply') {
          const waiting = this.pending.get(data.id);
          this.pending.delete(data.id);
          if (waiting) {
            waiting(data);
          }
        } else if (data.kind === 'event') {
          this.onEvent(data);
        }
      };
      this.socket.onclose = closing => {
        reject(new Error(closing.reason || 'The runtime closed the connection.'));
        this.pending.forEach(waiting => waiting({ error: { text: 'The connection to the runtime is closed.' } }));
        this.pending.clear();
        this.onClose(closing);
      };
    });
  }

  /** Sends a request; resolves with its result, rejects with the manual's error line (Error : ERROR_X(n) - sentence). */
  request(command, fields = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, reply => reply.error ? reject(new Refusal(reply.error.text)) : resolve(reply.result || reply));
      this.socket.send(JSON.stringify({ id, command, ...fields }));
    });
  }
}

/** A refusal, as the console prints it. */
export class Refusal extends Error {
}
