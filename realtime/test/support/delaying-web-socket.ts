import WebSocket from 'ws';

/** A constructor the WebsocketProvider can take as its `WebSocketPolyfill`. */
export type WebSocketClass = new (url: string, protocols?: string | string[]) => WebSocket;

/**
 * Runs jobs each after its own random delay but in the order they were queued, as a slow
 * network delivers one connection's frames: late, never reordered.
 */
class DelayedQueue {
  readonly #jobs: { due: number; job: () => void }[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly delayMs: () => number) {}

  push(job: () => void): void {
    const last = this.#jobs.at(-1)?.due ?? 0;
    this.#jobs.push({ due: Math.max(last, performance.now() + this.delayMs()), job });
    this.#schedule();
  }

  #schedule(): void {
    const next = this.#jobs[0];
    if (!next || this.#timer) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        const now = performance.now();
        while (this.#jobs.length && this.#jobs[0]!.due <= now) this.#jobs.shift()!.job();
        this.#schedule();
      },
      Math.max(0, next.due - performance.now()),
    );
  }
}

/**
 * `Socket` with every frame delayed by `delayMs()` in each direction, in order. Frames still
 * queued to send when the socket closes under them are lost, as on a dropped connection; the
 * provider's next sync must repair that. A close the client asks for goes out after what it
 * queued before, as a real socket flushes first.
 */
export function delayingWebSocket(Socket: WebSocketClass, delayMs: () => number): WebSocketClass {
  class DelayingWebSocket {
    readonly CONNECTING = WebSocket.CONNECTING;
    readonly OPEN = WebSocket.OPEN;
    readonly CLOSING = WebSocket.CLOSING;
    readonly CLOSED = WebSocket.CLOSED;
    onopen: ((event: WebSocket.Event) => void) | null = null;
    onmessage: ((event: WebSocket.MessageEvent) => void) | null = null;
    onclose: ((event: WebSocket.CloseEvent) => void) | null = null;
    onerror: ((event: WebSocket.ErrorEvent) => void) | null = null;
    readonly #socket: WebSocket;
    readonly #incoming = new DelayedQueue(delayMs);
    readonly #outgoing = new DelayedQueue(delayMs);

    constructor(url: string, protocols?: string | string[]) {
      this.#socket = new Socket(url, protocols);
      this.#socket.binaryType = 'arraybuffer';
      // The handler is looked up when the frame arrives: the provider detaches its own on close.
      this.#socket.onopen = (event) => this.#incoming.push(() => this.onopen?.(event));
      this.#socket.onmessage = (event) => this.#incoming.push(() => this.onmessage?.(event));
      this.#socket.onclose = (event) => this.#incoming.push(() => this.onclose?.(event));
      this.#socket.onerror = (event) => this.#incoming.push(() => this.onerror?.(event));
    }

    get readyState(): number {
      return this.#socket.readyState;
    }

    get bufferedAmount(): number {
      return this.#socket.bufferedAmount;
    }

    /** Always `arraybuffer`, which is what the provider asks for. */
    set binaryType(_type: string) {}

    send(data: ArrayBufferLike | Uint8Array): void {
      this.#outgoing.push(() => {
        if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(data);
      });
    }

    close(code?: number, reason?: string): void {
      this.#outgoing.push(() => this.#socket.close(code, reason));
    }
  }
  return DelayingWebSocket as unknown as WebSocketClass;
}
